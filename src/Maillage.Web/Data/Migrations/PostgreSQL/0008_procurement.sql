-- 0008: public procurement watch: tender notices (OCDS imports, history), watch profiles and digests, consortia.
CREATE TABLE "TenderFeeds" (
    "ChamberId" uuid NOT NULL,
    "Url" character varying(600) NOT NULL,
    "IntervalHours" integer NOT NULL,
    "NextPollAt" timestamp with time zone,
    "LastPolledAt" timestamp with time zone,
    "LastImportId" uuid,
    CONSTRAINT "PK_TenderFeeds" PRIMARY KEY ("ChamberId"),
    CONSTRAINT "FK_TenderFeeds_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderImports" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Source" character varying(600) NOT NULL,
    "State" character varying(40) NOT NULL,
    "BytesTotal" bigint NOT NULL,
    "BytesDone" bigint NOT NULL,
    "Read" integer NOT NULL,
    "Created" integer NOT NULL,
    "Updated" integer NOT NULL,
    "Unchanged" integer NOT NULL,
    "Skipped" integer NOT NULL,
    "StartedBy" character varying(170) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    "HeartbeatAt" timestamp with time zone NOT NULL,
    "Failure" character varying(1000),
    CONSTRAINT "PK_TenderImports" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TenderImports_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderNotices" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Ocid" character varying(200) NOT NULL,
    "Title" character varying(1000) NOT NULL,
    "Buyer" character varying(500),
    "Status" character varying(60),
    "Procedure" character varying(100),
    "ValueMinor" bigint,
    "Currency" character varying(3),
    "TenderDeadline" timestamp with time zone,
    "EnquiryDeadline" timestamp with time zone,
    "Regions" character varying(200) NOT NULL,
    "CpvCodes" character varying(4000) NOT NULL,
    "Reserved" character varying(20),
    "SocialObjectives" character varying(200) NOT NULL,
    "MarkedByStaff" boolean NOT NULL,
    "MatchText" text NOT NULL,
    "Source" character varying(600) NOT NULL,
    "Data" text NOT NULL,
    "LatestReleaseDate" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_TenderNotices" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TenderNotices_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WatchProfiles" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Name" character varying(120) NOT NULL,
    "Keywords" character varying(2000) NOT NULL,
    "CpvPrefixes" character varying(500) NOT NULL,
    "Regions" character varying(200) NOT NULL,
    "MinValueMinor" bigint,
    "MaxValueMinor" bigint,
    "ReservedOrSocialOnly" boolean NOT NULL,
    "Frequency" character varying(40) NOT NULL,
    "NextDigestAt" timestamp with time zone,
    "LastDigestAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WatchProfiles" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WatchProfiles_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_WatchProfiles_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderImportLines" (
    "Id" uuid NOT NULL,
    "ImportId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "ByteOffset" bigint NOT NULL,
    "Reference" character varying(300),
    "Ocid" character varying(200),
    "Outcome" character varying(40) NOT NULL,
    "Message" character varying(1000),
    CONSTRAINT "PK_TenderImportLines" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TenderImportLines_TenderImports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "TenderImports" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Consortia" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "NoticeId" uuid NOT NULL,
    "LeadOrganisationId" uuid NOT NULL,
    "State" character varying(40) NOT NULL,
    "AmountWonMinor" bigint,
    "CreatedAt" timestamp with time zone NOT NULL,
    "OutcomeAt" timestamp with time zone,
    CONSTRAINT "PK_Consortia" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Consortia_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Consortia_Organisations_LeadOrganisationId" FOREIGN KEY ("LeadOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Consortia_TenderNotices_NoticeId" FOREIGN KEY ("NoticeId") REFERENCES "TenderNotices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TenderReleases" (
    "Id" uuid NOT NULL,
    "NoticeId" uuid NOT NULL,
    "ReleaseId" character varying(300) NOT NULL,
    "Date" timestamp with time zone NOT NULL,
    "Tags" character varying(300) NOT NULL,
    "ImportId" uuid,
    "Data" text NOT NULL,
    CONSTRAINT "PK_TenderReleases" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TenderReleases_TenderNotices_NoticeId" FOREIGN KEY ("NoticeId") REFERENCES "TenderNotices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderDigests" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "ProfileId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "NewCount" integer NOT NULL,
    "ClosingCount" integer NOT NULL,
    "Data" text NOT NULL,
    CONSTRAINT "PK_TenderDigests" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TenderDigests_WatchProfiles_ProfileId" FOREIGN KEY ("ProfileId") REFERENCES "WatchProfiles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ConsortiumMembers" (
    "Id" uuid NOT NULL,
    "ConsortiumId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Role" character varying(40) NOT NULL,
    "Status" character varying(40) NOT NULL,
    "Lots" character varying(500) NOT NULL,
    "InvitedAt" timestamp with time zone NOT NULL,
    "RespondedAt" timestamp with time zone,
    CONSTRAINT "PK_ConsortiumMembers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ConsortiumMembers_Consortia_ConsortiumId" FOREIGN KEY ("ConsortiumId") REFERENCES "Consortia" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ConsortiumMembers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ConsortiumNotes" (
    "Id" uuid NOT NULL,
    "ConsortiumId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "Author" character varying(170) NOT NULL,
    "Text" character varying(2000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ConsortiumNotes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ConsortiumNotes_Consortia_ConsortiumId" FOREIGN KEY ("ConsortiumId") REFERENCES "Consortia" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Consortia_ChamberId_State" ON "Consortia" ("ChamberId", "State");

CREATE INDEX "IX_Consortia_LeadOrganisationId" ON "Consortia" ("LeadOrganisationId");

CREATE INDEX "IX_Consortia_NoticeId" ON "Consortia" ("NoticeId");

CREATE UNIQUE INDEX "IX_ConsortiumMembers_ConsortiumId_OrganisationId" ON "ConsortiumMembers" ("ConsortiumId", "OrganisationId");

CREATE INDEX "IX_ConsortiumMembers_OrganisationId" ON "ConsortiumMembers" ("OrganisationId");

CREATE INDEX "IX_ConsortiumNotes_ConsortiumId" ON "ConsortiumNotes" ("ConsortiumId");

CREATE INDEX "IX_TenderDigests_OrganisationId_CreatedAt" ON "TenderDigests" ("OrganisationId", "CreatedAt");

CREATE INDEX "IX_TenderDigests_ProfileId" ON "TenderDigests" ("ProfileId");

CREATE INDEX "IX_TenderFeeds_NextPollAt" ON "TenderFeeds" ("NextPollAt");

CREATE INDEX "IX_TenderImportLines_ImportId_Position" ON "TenderImportLines" ("ImportId", "Position");

CREATE INDEX "IX_TenderImports_ChamberId_CreatedAt" ON "TenderImports" ("ChamberId", "CreatedAt");

CREATE INDEX "IX_TenderNotices_ChamberId_CreatedAt" ON "TenderNotices" ("ChamberId", "CreatedAt");

CREATE UNIQUE INDEX "IX_TenderNotices_ChamberId_Ocid" ON "TenderNotices" ("ChamberId", "Ocid");

CREATE INDEX "IX_TenderNotices_ChamberId_TenderDeadline" ON "TenderNotices" ("ChamberId", "TenderDeadline");

CREATE UNIQUE INDEX "IX_TenderReleases_NoticeId_ReleaseId" ON "TenderReleases" ("NoticeId", "ReleaseId");

CREATE INDEX "IX_WatchProfiles_ChamberId" ON "WatchProfiles" ("ChamberId");

CREATE INDEX "IX_WatchProfiles_NextDigestAt" ON "WatchProfiles" ("NextDigestAt");

CREATE INDEX "IX_WatchProfiles_OrganisationId" ON "WatchProfiles" ("OrganisationId");
