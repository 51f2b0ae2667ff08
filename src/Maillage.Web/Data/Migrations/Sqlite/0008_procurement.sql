-- 0008: public procurement watch: tender notices (OCDS imports, history), watch profiles and digests, consortia.
CREATE TABLE "TenderFeeds" (
    "ChamberId" TEXT NOT NULL CONSTRAINT "PK_TenderFeeds" PRIMARY KEY,
    "Url" TEXT NOT NULL,
    "IntervalHours" INTEGER NOT NULL,
    "NextPollAt" TEXT NULL,
    "LastPolledAt" TEXT NULL,
    "LastImportId" TEXT NULL,
    CONSTRAINT "FK_TenderFeeds_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderImports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TenderImports" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "BytesTotal" INTEGER NOT NULL,
    "BytesDone" INTEGER NOT NULL,
    "Read" INTEGER NOT NULL,
    "Created" INTEGER NOT NULL,
    "Updated" INTEGER NOT NULL,
    "Unchanged" INTEGER NOT NULL,
    "Skipped" INTEGER NOT NULL,
    "StartedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "HeartbeatAt" TEXT NOT NULL,
    "Failure" TEXT NULL,
    CONSTRAINT "FK_TenderImports_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderNotices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TenderNotices" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Ocid" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Buyer" TEXT NULL,
    "Status" TEXT NULL,
    "Procedure" TEXT NULL,
    "ValueMinor" INTEGER NULL,
    "Currency" TEXT NULL,
    "TenderDeadline" TEXT NULL,
    "EnquiryDeadline" TEXT NULL,
    "Regions" TEXT NOT NULL,
    "CpvCodes" TEXT NOT NULL,
    "Reserved" TEXT NULL,
    "SocialObjectives" TEXT NOT NULL,
    "MarkedByStaff" INTEGER NOT NULL,
    "MatchText" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Data" TEXT NOT NULL,
    "LatestReleaseDate" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TenderNotices_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WatchProfiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WatchProfiles" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Keywords" TEXT NOT NULL,
    "CpvPrefixes" TEXT NOT NULL,
    "Regions" TEXT NOT NULL,
    "MinValueMinor" INTEGER NULL,
    "MaxValueMinor" INTEGER NULL,
    "ReservedOrSocialOnly" INTEGER NOT NULL,
    "Frequency" TEXT NOT NULL,
    "NextDigestAt" TEXT NULL,
    "LastDigestAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_WatchProfiles_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_WatchProfiles_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderImportLines" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TenderImportLines" PRIMARY KEY,
    "ImportId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "ByteOffset" INTEGER NOT NULL,
    "Reference" TEXT NULL,
    "Ocid" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Message" TEXT NULL,
    CONSTRAINT "FK_TenderImportLines_TenderImports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "TenderImports" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Consortia" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Consortia" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "NoticeId" TEXT NOT NULL,
    "LeadOrganisationId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "AmountWonMinor" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "OutcomeAt" TEXT NULL,
    CONSTRAINT "FK_Consortia_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Consortia_Organisations_LeadOrganisationId" FOREIGN KEY ("LeadOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Consortia_TenderNotices_NoticeId" FOREIGN KEY ("NoticeId") REFERENCES "TenderNotices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TenderReleases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TenderReleases" PRIMARY KEY,
    "NoticeId" TEXT NOT NULL,
    "ReleaseId" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Tags" TEXT NOT NULL,
    "ImportId" TEXT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "FK_TenderReleases_TenderNotices_NoticeId" FOREIGN KEY ("NoticeId") REFERENCES "TenderNotices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TenderDigests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TenderDigests" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "ProfileId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "NewCount" INTEGER NOT NULL,
    "ClosingCount" INTEGER NOT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "FK_TenderDigests_WatchProfiles_ProfileId" FOREIGN KEY ("ProfileId") REFERENCES "WatchProfiles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ConsortiumMembers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ConsortiumMembers" PRIMARY KEY,
    "ConsortiumId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Lots" TEXT NOT NULL,
    "InvitedAt" TEXT NOT NULL,
    "RespondedAt" TEXT NULL,
    CONSTRAINT "FK_ConsortiumMembers_Consortia_ConsortiumId" FOREIGN KEY ("ConsortiumId") REFERENCES "Consortia" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ConsortiumMembers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ConsortiumNotes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ConsortiumNotes" PRIMARY KEY,
    "ConsortiumId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
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
