-- Complementary currency (PostgreSQL): currencies, accounts, the hash-chained journal and its entries, payment requests,
-- standing orders and idempotency keys. Written from `dotnet run --project src/Maillage.Web -- schema`.

CREATE TABLE "Currencies" (
    "ChamberId" uuid NOT NULL,
    "Name" character varying(60) NOT NULL,
    "Code" character varying(8) NOT NULL,
    "Symbol" character varying(8) NOT NULL,
    "MinorDigits" integer NOT NULL,
    "FeeBasisPoints" integer NOT NULL,
    "ReferralReward" bigint NOT NULL,
    "DefaultCreditLimit" bigint NOT NULL,
    "FeeAccountId" uuid NOT NULL,
    "IssuingAccountId" uuid NOT NULL,
    "ChainSequence" bigint NOT NULL,
    "ChainHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Currencies" PRIMARY KEY ("ChamberId"),
    CONSTRAINT "FK_Currencies_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerAccounts" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "OrganisationId" uuid,
    "Balance" bigint NOT NULL,
    "CreditLimit" bigint NOT NULL,
    "Ceiling" bigint,
    "IsBlocked" boolean NOT NULL,
    "OpenedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_LedgerAccounts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LedgerAccounts_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerAccounts_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerOperations" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Sequence" bigint NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "Amount" bigint NOT NULL,
    "Fee" bigint NOT NULL,
    "Description" character varying(300) NOT NULL,
    "Reference" character varying(100),
    "ReversesOperationId" uuid,
    "SubjectAccountId" uuid,
    "NewCreditLimit" bigint,
    "NewCeiling" bigint,
    "ActorUserId" uuid,
    "ActorName" character varying(170) NOT NULL,
    "Reason" character varying(500),
    "PreviousHash" character varying(64) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_LedgerOperations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LedgerOperations_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerOperations_LedgerAccounts_SubjectAccountId" FOREIGN KEY ("SubjectAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerOperations_LedgerOperations_ReversesOperationId" FOREIGN KEY ("ReversesOperationId") REFERENCES "LedgerOperations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerEntries" (
    "OperationId" uuid NOT NULL,
    "Index" integer NOT NULL,
    "AccountId" uuid NOT NULL,
    "Amount" bigint NOT NULL,
    CONSTRAINT "PK_LedgerEntries" PRIMARY KEY ("OperationId", "Index"),
    CONSTRAINT "FK_LedgerEntries_LedgerAccounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_LedgerOperations_OperationId" FOREIGN KEY ("OperationId") REFERENCES "LedgerOperations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PaymentRequests" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "PayeeAccountId" uuid NOT NULL,
    "PayerAccountId" uuid NOT NULL,
    "Amount" bigint NOT NULL,
    "Description" character varying(300) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "State" character varying(40) NOT NULL,
    "AnsweredAt" timestamp with time zone,
    "PaymentOperationId" uuid,
    CONSTRAINT "PK_PaymentRequests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PaymentRequests_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_PaymentRequests_LedgerAccounts_PayeeAccountId" FOREIGN KEY ("PayeeAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PaymentRequests_LedgerAccounts_PayerAccountId" FOREIGN KEY ("PayerAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PaymentRequests_LedgerOperations_PaymentOperationId" FOREIGN KEY ("PaymentOperationId") REFERENCES "LedgerOperations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "RecurringPayments" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "PayerAccountId" uuid NOT NULL,
    "PayeeAccountId" uuid NOT NULL,
    "Amount" bigint NOT NULL,
    "Description" character varying(300) NOT NULL,
    "Start" date NOT NULL,
    "Interval" character varying(40) NOT NULL,
    "End" date,
    "OccurrencesPaid" integer NOT NULL,
    "IsActive" boolean NOT NULL,
    CONSTRAINT "PK_RecurringPayments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RecurringPayments_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_RecurringPayments_LedgerAccounts_PayeeAccountId" FOREIGN KEY ("PayeeAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RecurringPayments_LedgerAccounts_PayerAccountId" FOREIGN KEY ("PayerAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerIdempotencyKeys" (
    "ChamberId" uuid NOT NULL,
    "Key" character varying(100) NOT NULL,
    "Fingerprint" character varying(64) NOT NULL,
    "ResultId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_LedgerIdempotencyKeys" PRIMARY KEY ("ChamberId", "Key"),
    CONSTRAINT "FK_LedgerIdempotencyKeys_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT
);

CREATE INDEX "IX_LedgerAccounts_ChamberId_Kind" ON "LedgerAccounts" ("ChamberId", "Kind");

CREATE UNIQUE INDEX "IX_LedgerAccounts_OrganisationId" ON "LedgerAccounts" ("OrganisationId");

CREATE INDEX "IX_LedgerEntries_AccountId" ON "LedgerEntries" ("AccountId");

CREATE UNIQUE INDEX "IX_LedgerOperations_ChamberId_Sequence" ON "LedgerOperations" ("ChamberId", "Sequence");

CREATE UNIQUE INDEX "IX_LedgerOperations_ReversesOperationId" ON "LedgerOperations" ("ReversesOperationId");

CREATE INDEX "IX_LedgerOperations_SubjectAccountId" ON "LedgerOperations" ("SubjectAccountId");

CREATE INDEX "IX_PaymentRequests_ChamberId" ON "PaymentRequests" ("ChamberId");

CREATE INDEX "IX_PaymentRequests_PayeeAccountId_State" ON "PaymentRequests" ("PayeeAccountId", "State");

CREATE INDEX "IX_PaymentRequests_PayerAccountId_State" ON "PaymentRequests" ("PayerAccountId", "State");

CREATE INDEX "IX_PaymentRequests_PaymentOperationId" ON "PaymentRequests" ("PaymentOperationId");

CREATE INDEX "IX_PaymentRequests_State_ExpiresAt" ON "PaymentRequests" ("State", "ExpiresAt");

CREATE INDEX "IX_RecurringPayments_ChamberId_IsActive" ON "RecurringPayments" ("ChamberId", "IsActive");

CREATE INDEX "IX_RecurringPayments_PayeeAccountId" ON "RecurringPayments" ("PayeeAccountId");

CREATE INDEX "IX_RecurringPayments_PayerAccountId" ON "RecurringPayments" ("PayerAccountId");
