-- Liquidity-saving step of clearing rounds: members' opt-in, and what each round settled with currency.
ALTER TABLE "ClearingRounds" ADD COLUMN "SettledWithCurrency" bigint NOT NULL DEFAULT 0;
ALTER TABLE "ClearingRounds" ALTER COLUMN "SettledWithCurrency" DROP DEFAULT;
ALTER TABLE "ClearingRounds" ADD COLUMN "CurrencyVolume" bigint NOT NULL DEFAULT 0;
ALTER TABLE "ClearingRounds" ALTER COLUMN "CurrencyVolume" DROP DEFAULT;
ALTER TABLE "ClearingRounds" ADD COLUMN "CurrencyOperationId" uuid;

CREATE TABLE "ClearingCurrencyConsents" (
    "OrganisationId" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "UpTo" bigint,
    "GivenAt" timestamp with time zone NOT NULL,
    "GivenByName" character varying(170) NOT NULL,
    CONSTRAINT "PK_ClearingCurrencyConsents" PRIMARY KEY ("OrganisationId"),
    CONSTRAINT "FK_ClearingCurrencyConsents_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ClearingCurrencyConsents_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ClearingCurrencyConsents_ChamberId" ON "ClearingCurrencyConsents" ("ChamberId");
