-- 0001: the initial schema of Maillage (chambers, members, criteria, applications, accounts, outbox, audit).
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "FirstName" TEXT NOT NULL,
    "LastName" TEXT NOT NULL,
    "IsNetworkAdmin" INTEGER NOT NULL,
    "PreferredCulture" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "Audit" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Audit" PRIMARY KEY,
    "ChamberId" TEXT NULL,
    "UserId" TEXT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "At" TEXT NOT NULL
);


CREATE TABLE "Chambers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Chambers" PRIMARY KEY,
    "Slug" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ShortName" TEXT NOT NULL,
    "Canton" TEXT NOT NULL,
    "Tagline" TEXT NOT NULL,
    "ContactEmail" TEXT NULL,
    "Website" TEXT NULL,
    "AcceptsApplications" INTEGER NOT NULL,
    "AdmissionScoreThreshold" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NOT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "Outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY,
    "ChamberId" TEXT NULL,
    "ToAddress" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "TextBody" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ChamberStaff" (
    "ChamberId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Since" TEXT NOT NULL,
    CONSTRAINT "PK_ChamberStaff" PRIMARY KEY ("ChamberId", "UserId"),
    CONSTRAINT "FK_ChamberStaff_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ChamberStaff_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Criteria" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Criteria" PRIMARY KEY,
    "ChamberId" TEXT NULL,
    "BaseCriterionId" TEXT NULL,
    "Code" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Guidance" TEXT NOT NULL,
    "ExpectedLevel" TEXT NOT NULL,
    "Weight" INTEGER NOT NULL,
    "IsMandatory" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_Criteria_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Criteria_Criteria_BaseCriterionId" FOREIGN KEY ("BaseCriterionId") REFERENCES "Criteria" ("Id") ON DELETE SET NULL
);


CREATE TABLE "MemberImports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MemberImports" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    "ImportedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_MemberImports_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Organisations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Organisations" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "ProfileName" TEXT NOT NULL,
    "ProfileLegalForm" TEXT NOT NULL,
    "ProfileStatus" TEXT NOT NULL,
    "ProfileUid" TEXT NULL,
    "ProfileNogaSection" TEXT NOT NULL,
    "ProfileEssSectors" TEXT NOT NULL,
    "ProfileStreet" TEXT NOT NULL,
    "ProfilePostalCode" TEXT NOT NULL,
    "ProfileTown" TEXT NOT NULL,
    "ProfileCanton" TEXT NOT NULL,
    "ProfileLatitude" REAL NULL,
    "ProfileLongitude" REAL NULL,
    "ProfileShortDescription" TEXT NOT NULL,
    "ProfileDescription" TEXT NOT NULL,
    "ProfileWebsite" TEXT NULL,
    "ProfileEmail" TEXT NULL,
    "ProfilePhone" TEXT NULL,
    "ProfileFoundedYear" INTEGER NULL,
    "ProfileEmployees" INTEGER NULL,
    "MembershipType" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "MemberSince" TEXT NOT NULL,
    "ReferredByOrganisationId" TEXT NULL,
    "AdmittedFromApplicationId" TEXT NULL,
    "NormalizedName" TEXT NOT NULL,
    "SearchText" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Organisations_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Organisations_Organisations_ReferredByOrganisationId" FOREIGN KEY ("ReferredByOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL
);


CREATE TABLE "Applications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Applications" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "OrgName" TEXT NOT NULL,
    "OrgLegalForm" TEXT NOT NULL,
    "OrgStatus" TEXT NOT NULL,
    "OrgUid" TEXT NULL,
    "OrgNogaSection" TEXT NOT NULL,
    "OrgEssSectors" TEXT NOT NULL,
    "OrgStreet" TEXT NOT NULL,
    "OrgPostalCode" TEXT NOT NULL,
    "OrgTown" TEXT NOT NULL,
    "OrgCanton" TEXT NOT NULL,
    "OrgLatitude" REAL NULL,
    "OrgLongitude" REAL NULL,
    "OrgShortDescription" TEXT NOT NULL,
    "OrgDescription" TEXT NOT NULL,
    "OrgWebsite" TEXT NULL,
    "OrgEmail" TEXT NULL,
    "OrgPhone" TEXT NULL,
    "OrgFoundedYear" INTEGER NULL,
    "OrgEmployees" INTEGER NULL,
    "ContactFirstName" TEXT NOT NULL,
    "ContactLastName" TEXT NOT NULL,
    "ContactEmail" TEXT NOT NULL,
    "ContactPhone" TEXT NULL,
    "ContactRole" TEXT NULL,
    "MembershipType" TEXT NOT NULL,
    "ReferredByOrganisationId" TEXT NULL,
    "ApplicantUserId" TEXT NULL,
    "OrganisationId" TEXT NULL,
    "DecisionReason" TEXT NULL,
    "SubmittedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "DecidedAt" TEXT NULL,
    CONSTRAINT "FK_Applications_AspNetUsers_ApplicantUserId" FOREIGN KEY ("ApplicantUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Applications_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Applications_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Applications_Organisations_ReferredByOrganisationId" FOREIGN KEY ("ReferredByOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL
);


CREATE TABLE "OrganisationMembers" (
    "OrganisationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Since" TEXT NOT NULL,
    CONSTRAINT "PK_OrganisationMembers" PRIMARY KEY ("OrganisationId", "UserId"),
    CONSTRAINT "FK_OrganisationMembers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OrganisationMembers_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApplicationAnswer" (
    "ApplicationId" TEXT NOT NULL,
    "CriterionId" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "Justification" TEXT NOT NULL,
    CONSTRAINT "PK_ApplicationAnswer" PRIMARY KEY ("ApplicationId", "CriterionId"),
    CONSTRAINT "FK_ApplicationAnswer_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ApplicationAnswer_Criteria_CriterionId" FOREIGN KEY ("CriterionId") REFERENCES "Criteria" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "ApplicationEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApplicationEvents" PRIMARY KEY,
    "ApplicationId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ActorUserId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "Text" TEXT NULL,
    "IsInternal" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_ApplicationEvents_Applications_ApplicationId" FOREIGN KEY ("ApplicationId") REFERENCES "Applications" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_ApplicationAnswer_CriterionId" ON "ApplicationAnswer" ("CriterionId");


CREATE INDEX "IX_ApplicationEvents_ApplicationId_At" ON "ApplicationEvents" ("ApplicationId", "At");


CREATE INDEX "IX_Applications_ApplicantUserId" ON "Applications" ("ApplicantUserId");


CREATE INDEX "IX_Applications_ChamberId_State" ON "Applications" ("ChamberId", "State");


CREATE INDEX "IX_Applications_OrganisationId" ON "Applications" ("OrganisationId");


CREATE INDEX "IX_Applications_OrgUid" ON "Applications" ("OrgUid");


CREATE INDEX "IX_Applications_ReferredByOrganisationId" ON "Applications" ("ReferredByOrganisationId");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_Audit_ChamberId_At" ON "Audit" ("ChamberId", "At");


CREATE UNIQUE INDEX "IX_Chambers_Slug" ON "Chambers" ("Slug");


CREATE INDEX "IX_ChamberStaff_UserId" ON "ChamberStaff" ("UserId");


CREATE INDEX "IX_Criteria_BaseCriterionId" ON "Criteria" ("BaseCriterionId");


CREATE UNIQUE INDEX "IX_Criteria_ChamberId_Code" ON "Criteria" ("ChamberId", "Code");


CREATE INDEX "IX_MemberImports_ChamberId" ON "MemberImports" ("ChamberId");


CREATE INDEX "IX_OrganisationMembers_UserId" ON "OrganisationMembers" ("UserId");


CREATE INDEX "IX_Organisations_ChamberId_NormalizedName" ON "Organisations" ("ChamberId", "NormalizedName");


CREATE UNIQUE INDEX "IX_Organisations_ChamberId_Slug" ON "Organisations" ("ChamberId", "Slug");


CREATE INDEX "IX_Organisations_ProfileUid" ON "Organisations" ("ProfileUid");


CREATE INDEX "IX_Organisations_ReferredByOrganisationId" ON "Organisations" ("ReferredByOrganisationId");


CREATE INDEX "IX_Outbox_ChamberId" ON "Outbox" ("ChamberId");


CREATE INDEX "IX_Outbox_SentAt_CreatedAt" ON "Outbox" ("SentAt", "CreatedAt");



