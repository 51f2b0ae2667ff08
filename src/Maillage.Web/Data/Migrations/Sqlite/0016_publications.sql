-- Member news and the good-practice library (issue 8): moderated items, their images and PDFs.

CREATE TABLE "PublicationFiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PublicationFiles" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "Length" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PublicationFiles_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NewsItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_NewsItems" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "AuthorUserId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "BodyHtml" TEXT NOT NULL,
    "Link" TEXT NULL,
    "ImageId" TEXT NULL,
    "ImageAlt" TEXT NULL,
    "State" TEXT NOT NULL,
    "ModerationMessage" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "PublishedAt" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_NewsItems_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_NewsItems_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_NewsItems_PublicationFiles_ImageId" FOREIGN KEY ("ImageId") REFERENCES "PublicationFiles" ("Id") ON DELETE SET NULL
);

CREATE TABLE "PracticeSheets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PracticeSheets" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "AuthorOrganisationId" TEXT NULL,
    "AuthorUserId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Problem" TEXT NOT NULL,
    "Actions" TEXT NOT NULL,
    "Results" TEXT NOT NULL,
    "Contact" TEXT NOT NULL,
    "Themes" TEXT NOT NULL,
    "Sectors" TEXT NOT NULL,
    "Organisations" TEXT NOT NULL,
    "EventId" TEXT NULL,
    "Link" TEXT NULL,
    "ImageId" TEXT NULL,
    "ImageAlt" TEXT NULL,
    "DocumentId" TEXT NULL,
    "State" TEXT NOT NULL,
    "ModerationMessage" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "PublishedAt" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PracticeSheets_AgendaEvents_EventId" FOREIGN KEY ("EventId") REFERENCES "AgendaEvents" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_PracticeSheets_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PracticeSheets_Organisations_AuthorOrganisationId" FOREIGN KEY ("AuthorOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PracticeSheets_PublicationFiles_DocumentId" FOREIGN KEY ("DocumentId") REFERENCES "PublicationFiles" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_PracticeSheets_PublicationFiles_ImageId" FOREIGN KEY ("ImageId") REFERENCES "PublicationFiles" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_NewsItems_ChamberId_State_PublishedAt" ON "NewsItems" ("ChamberId", "State", "PublishedAt");

CREATE INDEX "IX_NewsItems_ImageId" ON "NewsItems" ("ImageId");

CREATE INDEX "IX_NewsItems_OrganisationId" ON "NewsItems" ("OrganisationId");

CREATE INDEX "IX_PracticeSheets_AuthorOrganisationId" ON "PracticeSheets" ("AuthorOrganisationId");

CREATE INDEX "IX_PracticeSheets_ChamberId_State_PublishedAt" ON "PracticeSheets" ("ChamberId", "State", "PublishedAt");

CREATE INDEX "IX_PracticeSheets_DocumentId" ON "PracticeSheets" ("DocumentId");

CREATE INDEX "IX_PracticeSheets_EventId" ON "PracticeSheets" ("EventId");

CREATE INDEX "IX_PracticeSheets_ImageId" ON "PracticeSheets" ("ImageId");

CREATE INDEX "IX_PublicationFiles_ChamberId" ON "PublicationFiles" ("ChamberId");
