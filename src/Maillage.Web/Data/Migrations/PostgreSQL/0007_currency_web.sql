-- Complementary currency, the users' side (PostgreSQL): personal access tokens for the API, default credit limits per kind
-- of membership, the history of settings changes, and pausing standing orders. From `dotnet run --project src/Maillage.Web -- schema`.

CREATE TABLE "CurrencyAccessTokens" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Scopes" character varying(100) NOT NULL,
    "SecretHash" character varying(64) NOT NULL,
    "Hint" character varying(8) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedByUserId" uuid,
    "CreatedByName" character varying(170) NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    "LastUsedAt" timestamp with time zone,
    CONSTRAINT "PK_CurrencyAccessTokens" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CurrencyAccessTokens_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT,
    CONSTRAINT "FK_CurrencyAccessTokens_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CurrencyLimitDefaults" (
    "ChamberId" uuid NOT NULL,
    "MembershipType" character varying(40) NOT NULL,
    "CreditLimit" bigint NOT NULL,
    CONSTRAINT "PK_CurrencyLimitDefaults" PRIMARY KEY ("ChamberId", "MembershipType"),
    CONSTRAINT "FK_CurrencyLimitDefaults_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT
);

CREATE TABLE "CurrencySettingChanges" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorUserId" uuid,
    "ActorName" character varying(170) NOT NULL,
    "Setting" character varying(60) NOT NULL,
    "OldValue" character varying(200) NOT NULL,
    "NewValue" character varying(200) NOT NULL,
    "Reason" character varying(500) NOT NULL,
    CONSTRAINT "PK_CurrencySettingChanges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CurrencySettingChanges_Currencies_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Currencies" ("ChamberId") ON DELETE RESTRICT
);

CREATE INDEX "IX_CurrencyAccessTokens_ChamberId" ON "CurrencyAccessTokens" ("ChamberId");

CREATE INDEX "IX_CurrencyAccessTokens_OrganisationId" ON "CurrencyAccessTokens" ("OrganisationId");

CREATE UNIQUE INDEX "IX_CurrencyAccessTokens_SecretHash" ON "CurrencyAccessTokens" ("SecretHash");

CREATE INDEX "IX_CurrencySettingChanges_ChamberId_At" ON "CurrencySettingChanges" ("ChamberId", "At");

ALTER TABLE "RecurringPayments" ADD COLUMN "IsPaused" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE "RecurringPayments" ALTER COLUMN "IsPaused" DROP DEFAULT;
