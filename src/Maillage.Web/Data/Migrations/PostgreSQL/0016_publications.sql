-- Member news and the good-practice library (issue 8): moderated items, their images and PDFs.

CREATE TABLE "PublicationFiles" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Kind" character varying(10) NOT NULL,
    "ContentType" character varying(60) NOT NULL,
    "Content" bytea NOT NULL,
    "Length" integer NOT NULL,
    "Hash" character varying(32) NOT NULL,
    "Width" integer NOT NULL,
    "Height" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PublicationFiles" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PublicationFiles_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NewsItems" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "AuthorUserId" uuid NOT NULL,
    "Title" character varying(160) NOT NULL,
    "BodyHtml" character varying(20000) NOT NULL,
    "Link" character varying(500),
    "ImageId" uuid,
    "ImageAlt" character varying(200),
    "State" character varying(20) NOT NULL,
    "ModerationMessage" character varying(1000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "SubmittedAt" timestamp with time zone NOT NULL,
    "PublishedAt" timestamp with time zone,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_NewsItems" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_NewsItems_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_NewsItems_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_NewsItems_PublicationFiles_ImageId" FOREIGN KEY ("ImageId") REFERENCES "PublicationFiles" ("Id") ON DELETE SET NULL
);

CREATE TABLE "PracticeSheets" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "AuthorOrganisationId" uuid,
    "AuthorUserId" uuid NOT NULL,
    "Title" character varying(160) NOT NULL,
    "Problem" character varying(6000) NOT NULL,
    "Actions" character varying(6000) NOT NULL,
    "Results" character varying(6000) NOT NULL,
    "Contact" character varying(300) NOT NULL,
    "Themes" character varying(400) NOT NULL,
    "Sectors" character varying(600) NOT NULL,
    "Organisations" character varying(400) NOT NULL,
    "EventId" uuid,
    "Link" character varying(500),
    "ImageId" uuid,
    "ImageAlt" character varying(200),
    "DocumentId" uuid,
    "State" character varying(20) NOT NULL,
    "ModerationMessage" character varying(1000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "SubmittedAt" timestamp with time zone NOT NULL,
    "PublishedAt" timestamp with time zone,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PracticeSheets" PRIMARY KEY ("Id"),
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
