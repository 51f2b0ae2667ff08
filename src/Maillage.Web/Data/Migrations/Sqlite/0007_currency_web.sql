-- Complementary currency, the users' side (Sqlite): personal access tokens for the API, default credit limits per kind
-- of membership, the history of settings changes, and pausing standing orders. From `dotnet run --project src/Maillage.Web -- schema`.

CREATE TABLE "CurrencyAccessTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CurrencyAccessTokens" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "Hint" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedByUserId" TEXT NULL,
    "CreatedByName" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    CONSTRAINT "FK_CurrencyAccessTokens_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_CurrencyAccessTokens_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CurrencyLimitDefaults" (
    "ChamberId" TEXT NOT NULL,
    "MembershipType" TEXT NOT NULL,
    "CreditLimit" INTEGER NOT NULL,
    CONSTRAINT "PK_CurrencyLimitDefaults" PRIMARY KEY ("ChamberId", "MembershipType"),
    CONSTRAINT "FK_CurrencyLimitDefaults_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT
);

CREATE TABLE "CurrencySettingChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CurrencySettingChanges" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "ActorUserId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "Setting" TEXT NOT NULL,
    "OldValue" TEXT NOT NULL,
    "NewValue" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    CONSTRAINT "FK_CurrencySettingChanges_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT
);

CREATE INDEX "IX_CurrencyAccessTokens_ChamberId" ON "CurrencyAccessTokens" ("ChamberId");

CREATE INDEX "IX_CurrencyAccessTokens_OrganisationId" ON "CurrencyAccessTokens" ("OrganisationId");

CREATE UNIQUE INDEX "IX_CurrencyAccessTokens_SecretHash" ON "CurrencyAccessTokens" ("SecretHash");

CREATE INDEX "IX_CurrencySettingChanges_ChamberId_At" ON "CurrencySettingChanges" ("ChamberId", "At");

ALTER TABLE "RecurringPayments" ADD COLUMN "IsPaused" INTEGER NOT NULL DEFAULT 0;
