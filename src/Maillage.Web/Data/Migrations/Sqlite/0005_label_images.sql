-- 0005: the chambers' "ESS made" label (current period, history of decisions) and offer images stored in the database.
CREATE TABLE "Labels" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Labels" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "ValidFrom" TEXT NOT NULL,
    "ValidUntil" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "RevokedReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Labels_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Labels_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LabelEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LabelEvents" PRIMARY KEY,
    "LabelId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ValidFrom" TEXT NULL,
    "ValidUntil" TEXT NULL,
    "Text" TEXT NULL,
    "ActorUserId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_LabelEvents_Labels_LabelId" FOREIGN KEY ("LabelId") REFERENCES "Labels" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OfferImages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OfferImages" PRIMARY KEY,
    "OfferId" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "Format" TEXT NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "Length" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "AltText" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_OfferImages_Offers_OfferId" FOREIGN KEY ("OfferId") REFERENCES "Offers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_LabelEvents_LabelId_At" ON "LabelEvents" ("LabelId", "At");

CREATE INDEX "IX_Labels_ChamberId" ON "Labels" ("ChamberId");

CREATE UNIQUE INDEX "IX_Labels_Code" ON "Labels" ("Code");

CREATE UNIQUE INDEX "IX_Labels_OrganisationId" ON "Labels" ("OrganisationId");

CREATE INDEX "IX_Labels_UpdatedAt" ON "Labels" ("UpdatedAt");

CREATE INDEX "IX_OfferImages_OfferId_Position" ON "OfferImages" ("OfferId", "Position");
