-- 0005: the chambers' "ESS made" label (current period, history of decisions) and offer images stored in the database.
CREATE TABLE "Labels" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Code" character varying(14) NOT NULL,
    "ValidFrom" date NOT NULL,
    "ValidUntil" date NOT NULL,
    "RevokedAt" timestamp with time zone,
    "RevokedReason" character varying(500),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Labels" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Labels_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Labels_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LabelEvents" (
    "Id" uuid NOT NULL,
    "LabelId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "ValidFrom" date,
    "ValidUntil" date,
    "Text" character varying(500),
    "ActorUserId" uuid,
    "ActorName" character varying(170) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_LabelEvents" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LabelEvents_Labels_LabelId" FOREIGN KEY ("LabelId") REFERENCES "Labels" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OfferImages" (
    "Id" uuid NOT NULL,
    "OfferId" uuid NOT NULL,
    "Content" bytea NOT NULL,
    "Format" character varying(40) NOT NULL,
    "Width" integer NOT NULL,
    "Height" integer NOT NULL,
    "Length" integer NOT NULL,
    "Hash" character varying(32) NOT NULL,
    "AltText" character varying(200) NOT NULL,
    "Position" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_OfferImages" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OfferImages_Offers_OfferId" FOREIGN KEY ("OfferId") REFERENCES "Offers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_LabelEvents_LabelId_At" ON "LabelEvents" ("LabelId", "At");

CREATE INDEX "IX_Labels_ChamberId" ON "Labels" ("ChamberId");

CREATE UNIQUE INDEX "IX_Labels_Code" ON "Labels" ("Code");

CREATE UNIQUE INDEX "IX_Labels_OrganisationId" ON "Labels" ("OrganisationId");

CREATE INDEX "IX_Labels_UpdatedAt" ON "Labels" ("UpdatedAt");

CREATE INDEX "IX_OfferImages_OfferId_Position" ON "OfferImages" ("OfferId", "Position");
