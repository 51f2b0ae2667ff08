-- 0004: offers of goods and services published by members on the portal.
CREATE TABLE "Offers" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Title" character varying(120) NOT NULL,
    "Description" character varying(4000) NOT NULL,
    "Category" character varying(60) NOT NULL,
    "Audience" character varying(40) NOT NULL,
    "PriceKind" character varying(40) NOT NULL,
    "PriceMinor" bigint,
    "PriceUnit" character varying(40),
    "CurrencySharePercent" integer NOT NULL,
    "DeliveryRadiusKm" integer,
    "DeliveryCantons" character varying(300) NOT NULL,
    "ValidFrom" date,
    "ValidUntil" date,
    "State" character varying(40) NOT NULL,
    "HiddenReason" character varying(500),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Offers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Offers_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Offers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Offers_ChamberId" ON "Offers" ("ChamberId");

CREATE INDEX "IX_Offers_OrganisationId_State" ON "Offers" ("OrganisationId", "State");

CREATE INDEX "IX_Offers_UpdatedAt" ON "Offers" ("UpdatedAt");
