-- 0006: members' needs, who was proposed for them, their threads, and in-app notifications.
CREATE TABLE "Notifications" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "ChamberId" uuid,
    "Kind" character varying(40) NOT NULL,
    "TextKey" character varying(100) NOT NULL,
    "Arguments" character varying(1000) NOT NULL,
    "Link" character varying(300) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_Notifications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Notifications_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Notifications_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Needs" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "PostedByUserId" uuid NOT NULL,
    "Title" character varying(120) NOT NULL,
    "Description" character varying(4000) NOT NULL,
    "Category" character varying(60) NOT NULL,
    "DateFrom" date,
    "DateUntil" date,
    "Town" character varying(80) NOT NULL,
    "Canton" character varying(4) NOT NULL,
    "Latitude" double precision,
    "Longitude" double precision,
    "BudgetMinor" bigint,
    "CurrencyPossible" boolean NOT NULL,
    "CurrencyAmountMinor" bigint,
    "State" character varying(40) NOT NULL,
    "Outcome" character varying(40),
    "FoundOrganisationId" uuid,
    "ClosedAt" timestamp with time zone,
    "GroupingInterestAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Needs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Needs_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Needs_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NeedMatches" (
    "Id" uuid NOT NULL,
    "NeedId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "OfferId" uuid,
    "Rank" integer NOT NULL,
    "Score" double precision NOT NULL,
    "Reasons" character varying(1000) NOT NULL,
    "Notified" boolean NOT NULL,
    CONSTRAINT "PK_NeedMatches" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_NeedMatches_Needs_NeedId" FOREIGN KEY ("NeedId") REFERENCES "Needs" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_NeedMatches_Offers_OfferId" FOREIGN KEY ("OfferId") REFERENCES "Offers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_NeedMatches_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NeedMessages" (
    "Id" uuid NOT NULL,
    "NeedId" uuid NOT NULL,
    "ResponderOrganisationId" uuid NOT NULL,
    "SenderOrganisationId" uuid NOT NULL,
    "SenderUserId" uuid,
    "SenderName" character varying(200) NOT NULL,
    "Body" character varying(4000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_NeedMessages" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_NeedMessages_Needs_NeedId" FOREIGN KEY ("NeedId") REFERENCES "Needs" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_NeedMessages_Organisations_ResponderOrganisationId" FOREIGN KEY ("ResponderOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_NeedMatches_NeedId_OrganisationId" ON "NeedMatches" ("NeedId", "OrganisationId");

CREATE INDEX "IX_NeedMatches_OfferId" ON "NeedMatches" ("OfferId");

CREATE INDEX "IX_NeedMatches_OrganisationId" ON "NeedMatches" ("OrganisationId");

CREATE INDEX "IX_NeedMessages_NeedId_ResponderOrganisationId_CreatedAt" ON "NeedMessages" ("NeedId", "ResponderOrganisationId", "CreatedAt");

CREATE INDEX "IX_NeedMessages_ResponderOrganisationId" ON "NeedMessages" ("ResponderOrganisationId");

CREATE INDEX "IX_Needs_ChamberId_State" ON "Needs" ("ChamberId", "State");

CREATE INDEX "IX_Needs_OrganisationId" ON "Needs" ("OrganisationId");

CREATE INDEX "IX_Notifications_ChamberId" ON "Notifications" ("ChamberId");

CREATE INDEX "IX_Notifications_UserId_ReadAt" ON "Notifications" ("UserId", "ReadAt");
