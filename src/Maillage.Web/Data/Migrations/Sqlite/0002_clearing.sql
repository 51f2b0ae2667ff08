-- 0002: inter-member invoices, clearing rounds (entries, exclusions, cycles), schedules, pending invoice imports.
CREATE TABLE "ClearingRounds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ClearingRounds" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Trigger" TEXT NOT NULL,
    "StartedByUserId" TEXT NULL,
    "StartedByName" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "State" TEXT NOT NULL,
    "FailureReason" TEXT NULL,
    "InvoiceCount" INTEGER NOT NULL,
    "TotalSubmitted" INTEGER NOT NULL,
    "TotalCleared" INTEGER NOT NULL,
    "MembersHelped" INTEGER NOT NULL,
    "CycleCount" INTEGER NOT NULL,
    CONSTRAINT "FK_ClearingRounds_AspNetUsers_StartedByUserId" FOREIGN KEY ("StartedByUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_ClearingRounds_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClearingSchedules" (
    "ChamberId" TEXT NOT NULL CONSTRAINT "PK_ClearingSchedules" PRIMARY KEY,
    "DayOfMonth" INTEGER NULL,
    "NextRunAt" TEXT NULL,
    "RunningRoundId" TEXT NULL,
    "RunningSince" TEXT NULL,
    CONSTRAINT "FK_ClearingSchedules_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "InvoiceImports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_InvoiceImports" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    "ImportedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_InvoiceImports_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InvoiceImports_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Invoices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Invoices" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "DebtorId" TEXT NOT NULL,
    "CreditorId" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Remaining" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "IssueDate" TEXT NOT NULL,
    "DueDate" TEXT NOT NULL,
    "DeclaredBy" TEXT NOT NULL,
    "DeclaredByUserId" TEXT NULL,
    "State" TEXT NOT NULL,
    "DisputeReason" TEXT NULL,
    "DeclaredAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Invoices_AspNetUsers_DeclaredByUserId" FOREIGN KEY ("DeclaredByUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Invoices_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Invoices_Organisations_CreditorId" FOREIGN KEY ("CreditorId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Invoices_Organisations_DebtorId" FOREIGN KEY ("DebtorId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClearingCycles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ClearingCycles" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "MemberIds" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    CONSTRAINT "FK_ClearingCycles_ClearingRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "ClearingRounds" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ClearingEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ClearingEntries" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "InvoiceId" TEXT NOT NULL,
    "DebtorId" TEXT NOT NULL,
    "CreditorId" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "AmountBefore" INTEGER NOT NULL,
    "Reduction" INTEGER NOT NULL,
    CONSTRAINT "FK_ClearingEntries_ClearingRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "ClearingRounds" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ClearingEntries_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClearingExclusions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ClearingExclusions" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "InvoiceId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
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
