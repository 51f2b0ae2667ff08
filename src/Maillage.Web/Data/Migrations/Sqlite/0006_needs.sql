-- 0006: members' needs, who was proposed for them, their threads, and in-app notifications.
CREATE TABLE "Notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "ChamberId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "TextKey" TEXT NOT NULL,
    "Arguments" TEXT NOT NULL,
    "Link" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ReadAt" TEXT NULL,
    CONSTRAINT "FK_Notifications_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Notifications_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Needs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Needs" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "PostedByUserId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "DateFrom" TEXT NULL,
    "DateUntil" TEXT NULL,
    "Town" TEXT NOT NULL,
    "Canton" TEXT NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "BudgetMinor" INTEGER NULL,
    "CurrencyPossible" INTEGER NOT NULL,
    "CurrencyAmountMinor" INTEGER NULL,
    "State" TEXT NOT NULL,
    "Outcome" TEXT NULL,
    "FoundOrganisationId" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "GroupingInterestAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Needs_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Needs_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NeedMatches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_NeedMatches" PRIMARY KEY,
    "NeedId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "OfferId" TEXT NULL,
    "Rank" INTEGER NOT NULL,
    "Score" REAL NOT NULL,
    "Reasons" TEXT NOT NULL,
    "Notified" INTEGER NOT NULL,
    CONSTRAINT "FK_NeedMatches_Needs_NeedId" FOREIGN KEY ("NeedId") REFERENCES "Needs" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_NeedMatches_Offers_OfferId" FOREIGN KEY ("OfferId") REFERENCES "Offers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_NeedMatches_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NeedMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_NeedMessages" PRIMARY KEY,
    "NeedId" TEXT NOT NULL,
    "ResponderOrganisationId" TEXT NOT NULL,
    "SenderOrganisationId" TEXT NOT NULL,
    "SenderUserId" TEXT NULL,
    "SenderName" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
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
