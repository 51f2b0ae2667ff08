-- 0002: inter-member invoices, clearing rounds (entries, exclusions, cycles), schedules, pending invoice imports.
CREATE TABLE "ClearingRounds" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Trigger" character varying(40) NOT NULL,
    "StartedByUserId" uuid,
    "StartedByName" character varying(170) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    "State" character varying(40) NOT NULL,
    "FailureReason" character varying(1000),
    "InvoiceCount" integer NOT NULL,
    "TotalSubmitted" bigint NOT NULL,
    "TotalCleared" bigint NOT NULL,
    "MembersHelped" integer NOT NULL,
    "CycleCount" integer NOT NULL,
    CONSTRAINT "PK_ClearingRounds" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ClearingRounds_AspNetUsers_StartedByUserId" FOREIGN KEY ("StartedByUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_ClearingRounds_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClearingSchedules" (
    "ChamberId" uuid NOT NULL,
    "DayOfMonth" integer,
    "NextRunAt" timestamp with time zone,
    "RunningRoundId" uuid,
    "RunningSince" timestamp with time zone,
    CONSTRAINT "PK_ClearingSchedules" PRIMARY KEY ("ChamberId"),
    CONSTRAINT "FK_ClearingSchedules_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "InvoiceImports" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "Content" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConfirmedAt" timestamp with time zone,
    "ImportedCount" integer NOT NULL,
    CONSTRAINT "PK_InvoiceImports" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_InvoiceImports_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InvoiceImports_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Invoices" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "DebtorId" uuid NOT NULL,
    "CreditorId" uuid NOT NULL,
    "Number" character varying(40) NOT NULL,
    "Amount" bigint NOT NULL,
    "Remaining" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "IssueDate" date NOT NULL,
    "DueDate" date NOT NULL,
    "DeclaredBy" character varying(40) NOT NULL,
    "DeclaredByUserId" uuid,
    "State" character varying(40) NOT NULL,
    "DisputeReason" character varying(1000),
    "DeclaredAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_Invoices" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Invoices_AspNetUsers_DeclaredByUserId" FOREIGN KEY ("DeclaredByUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Invoices_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Invoices_Organisations_CreditorId" FOREIGN KEY ("CreditorId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Invoices_Organisations_DebtorId" FOREIGN KEY ("DebtorId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClearingCycles" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "MemberIds" character varying(40000) NOT NULL,
    "Amount" bigint NOT NULL,
    CONSTRAINT "PK_ClearingCycles" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ClearingCycles_ClearingRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "ClearingRounds" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ClearingEntries" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "InvoiceId" uuid NOT NULL,
    "DebtorId" uuid NOT NULL,
    "CreditorId" uuid NOT NULL,
    "Number" character varying(40) NOT NULL,
    "AmountBefore" bigint NOT NULL,
    "Reduction" bigint NOT NULL,
    CONSTRAINT "PK_ClearingEntries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ClearingEntries_ClearingRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "ClearingRounds" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ClearingEntries_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClearingExclusions" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "InvoiceId" uuid NOT NULL,
    "Reason" character varying(40) NOT NULL,
    CONSTRAINT "PK_ClearingExclusions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ClearingExclusions_ClearingRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "ClearingRounds" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ClearingExclusions_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ClearingCycles_RoundId_Position" ON "ClearingCycles" ("RoundId", "Position");

CREATE INDEX "IX_ClearingEntries_CreditorId" ON "ClearingEntries" ("CreditorId");

CREATE INDEX "IX_ClearingEntries_DebtorId" ON "ClearingEntries" ("DebtorId");

CREATE INDEX "IX_ClearingEntries_InvoiceId" ON "ClearingEntries" ("InvoiceId");

CREATE INDEX "IX_ClearingEntries_RoundId" ON "ClearingEntries" ("RoundId");

CREATE INDEX "IX_ClearingExclusions_InvoiceId" ON "ClearingExclusions" ("InvoiceId");

CREATE INDEX "IX_ClearingExclusions_RoundId" ON "ClearingExclusions" ("RoundId");

CREATE INDEX "IX_ClearingRounds_ChamberId_StartedAt" ON "ClearingRounds" ("ChamberId", "StartedAt");

CREATE INDEX "IX_ClearingRounds_StartedByUserId" ON "ClearingRounds" ("StartedByUserId");

CREATE INDEX "IX_ClearingSchedules_NextRunAt" ON "ClearingSchedules" ("NextRunAt");

CREATE INDEX "IX_InvoiceImports_ChamberId" ON "InvoiceImports" ("ChamberId");

CREATE INDEX "IX_InvoiceImports_OrganisationId" ON "InvoiceImports" ("OrganisationId");

CREATE INDEX "IX_Invoices_ChamberId_State" ON "Invoices" ("ChamberId", "State");

CREATE UNIQUE INDEX "IX_Invoices_CreditorId_Number" ON "Invoices" ("CreditorId", "Number");

CREATE INDEX "IX_Invoices_DebtorId" ON "Invoices" ("DebtorId");

CREATE INDEX "IX_Invoices_DeclaredByUserId" ON "Invoices" ("DeclaredByUserId");
