-- 0004: offers of goods and services published by members on the portal.
CREATE TABLE "Offers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Offers" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Audience" TEXT NOT NULL,
    "PriceKind" TEXT NOT NULL,
    "PriceMinor" INTEGER NULL,
    "PriceUnit" TEXT NULL,
    "CurrencySharePercent" INTEGER NOT NULL,
    "DeliveryRadiusKm" INTEGER NULL,
    "DeliveryCantons" TEXT NOT NULL,
    "ValidFrom" TEXT NULL,
    "ValidUntil" TEXT NULL,
    "State" TEXT NOT NULL,
    "HiddenReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Offers_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Offers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Offers_ChamberId" ON "Offers" ("ChamberId");

CREATE INDEX "IX_Offers_OrganisationId_State" ON "Offers" ("OrganisationId", "State");

CREATE INDEX "IX_Offers_UpdatedAt" ON "Offers" ("UpdatedAt");
