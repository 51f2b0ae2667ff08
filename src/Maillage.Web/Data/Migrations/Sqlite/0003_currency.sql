-- Complementary currency (SQLite): currencies, accounts, the hash-chained journal and its entries, payment requests,
-- standing orders and idempotency keys. Written from `dotnet run --project src/Maillage.Web -- schema`.

CREATE TABLE "Currencies" (
    "ChamberId" TEXT NOT NULL CONSTRAINT "PK_Currencies" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "Symbol" TEXT NOT NULL,
    "MinorDigits" INTEGER NOT NULL,
    "FeeBasisPoints" INTEGER NOT NULL,
    "ReferralReward" INTEGER NOT NULL,
    "DefaultCreditLimit" INTEGER NOT NULL,
    "FeeAccountId" TEXT NOT NULL,
    "IssuingAccountId" TEXT NOT NULL,
    "ChainSequence" INTEGER NOT NULL,
    "ChainHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Currencies_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerAccounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LedgerAccounts" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "OrganisationId" TEXT NULL,
    "Balance" INTEGER NOT NULL,
    "CreditLimit" INTEGER NOT NULL,
    "Ceiling" INTEGER NULL,
    "IsBlocked" INTEGER NOT NULL,
    "OpenedAt" TEXT NOT NULL,
    CONSTRAINT "FK_LedgerAccounts_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerAccounts_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerOperations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LedgerOperations" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Fee" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Reference" TEXT NULL,
    "ReversesOperationId" TEXT NULL,
    "SubjectAccountId" TEXT NULL,
    "NewCreditLimit" INTEGER NULL,
    "NewCeiling" INTEGER NULL,
    "ActorUserId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    CONSTRAINT "FK_LedgerOperations_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerOperations_LedgerAccounts_SubjectAccountId" FOREIGN KEY ("SubjectAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerOperations_LedgerOperations_ReversesOperationId" FOREIGN KEY ("ReversesOperationId") REFERENCES "LedgerOperations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerEntries" (
    "OperationId" TEXT NOT NULL,
    "Index" INTEGER NOT NULL,
    "AccountId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    CONSTRAINT "PK_LedgerEntries" PRIMARY KEY ("OperationId", "Index"),
    CONSTRAINT "FK_LedgerEntries_LedgerAccounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerEntries_LedgerOperations_OperationId" FOREIGN KEY ("OperationId") REFERENCES "LedgerOperations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PaymentRequests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PaymentRequests" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "PayeeAccountId" TEXT NOT NULL,
    "PayerAccountId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "AnsweredAt" TEXT NULL,
    "PaymentOperationId" TEXT NULL,
    CONSTRAINT "FK_PaymentRequests_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_PaymentRequests_LedgerAccounts_PayeeAccountId" FOREIGN KEY ("PayeeAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PaymentRequests_LedgerAccounts_PayerAccountId" FOREIGN KEY ("PayerAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PaymentRequests_LedgerOperations_PaymentOperationId" FOREIGN KEY ("PaymentOperationId") REFERENCES "LedgerOperations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "RecurringPayments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RecurringPayments" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "PayerAccountId" TEXT NOT NULL,
    "PayeeAccountId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Start" TEXT NOT NULL,
    "Interval" TEXT NOT NULL,
    "End" TEXT NULL,
    "OccurrencesPaid" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_RecurringPayments_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_RecurringPayments_LedgerAccounts_PayeeAccountId" FOREIGN KEY ("PayeeAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RecurringPayments_LedgerAccounts_PayerAccountId" FOREIGN KEY ("PayerAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerIdempotencyKeys" (
    "ChamberId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Fingerprint" TEXT NOT NULL,
    "ResultId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
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
