-- Liquidity-saving step of clearing rounds: members' opt-in, and what each round settled with currency.
ALTER TABLE "ClearingRounds" ADD COLUMN "SettledWithCurrency" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ClearingRounds" ADD COLUMN "CurrencyVolume" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ClearingRounds" ADD COLUMN "CurrencyOperationId" TEXT NULL;

CREATE TABLE "ClearingCurrencyConsents" (
    "OrganisationId" TEXT NOT NULL CONSTRAINT "PK_ClearingCurrencyConsents" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "UpTo" INTEGER NULL,
    "GivenAt" TEXT NOT NULL,
    "GivenByName" TEXT NOT NULL,
    CONSTRAINT "FK_ClearingCurrencyConsents_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ClearingCurrencyConsents_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ClearingCurrencyConsents_ChamberId" ON "ClearingCurrencyConsents" ("ChamberId");
