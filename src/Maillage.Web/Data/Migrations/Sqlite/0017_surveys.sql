-- 0017: surveys. Questions in order, personal links (drafts kept on the link), responses (anonymous ones keep no
-- link to the person: no invitation, no resume token, dates to the day).
CREATE TABLE "Surveys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Surveys" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Introduction" TEXT NULL,
    "Anonymous" INTEGER NOT NULL,
    "OpensAt" TEXT NULL,
    "ClosesAt" TEXT NULL,
    "State" TEXT NOT NULL,
    "PublicToken" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "OpenedAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    CONSTRAINT "FK_Surveys_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SurveyQuestions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SurveyQuestions" PRIMARY KEY,
    "SurveyId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Prompt" TEXT NOT NULL,
    "Help" TEXT NULL,
    "Required" INTEGER NOT NULL,
    "Options" TEXT NOT NULL,
    "MinSelections" INTEGER NULL,
    "MaxSelections" INTEGER NULL,
    "ScaleMin" INTEGER NOT NULL,
    "ScaleMax" INTEGER NOT NULL,
    "ScaleMinLabel" TEXT NULL,
    "ScaleMaxLabel" TEXT NULL,
    "MaxLength" INTEGER NOT NULL,
    CONSTRAINT "FK_SurveyQuestions_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SurveyInvitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SurveyInvitations" PRIMARY KEY,
    "SurveyId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Token" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    "DraftJson" TEXT NULL,
    "SubmittedOn" TEXT NULL,
    CONSTRAINT "FK_SurveyInvitations_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SurveyInvitations_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SurveyInvitations_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SurveyResponses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SurveyResponses" PRIMARY KEY,
    "SurveyId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "AnswersJson" TEXT NOT NULL,
    "InvitationId" TEXT NULL,
    "ResumeToken" TEXT NULL,
    "RespondentName" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "SubmittedAt" TEXT NULL,
    CONSTRAINT "FK_SurveyResponses_SurveyInvitations_InvitationId" FOREIGN KEY ("InvitationId") REFERENCES "SurveyInvitations" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_SurveyResponses_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_SurveyInvitations_OrganisationId" ON "SurveyInvitations" ("OrganisationId");

CREATE UNIQUE INDEX "IX_SurveyInvitations_SurveyId_OrganisationId_UserId" ON "SurveyInvitations" ("SurveyId", "OrganisationId", "UserId");

CREATE UNIQUE INDEX "IX_SurveyInvitations_Token" ON "SurveyInvitations" ("Token");

CREATE INDEX "IX_SurveyInvitations_UserId" ON "SurveyInvitations" ("UserId");

CREATE INDEX "IX_SurveyQuestions_SurveyId" ON "SurveyQuestions" ("SurveyId");

CREATE UNIQUE INDEX "IX_SurveyResponses_InvitationId" ON "SurveyResponses" ("InvitationId");

CREATE UNIQUE INDEX "IX_SurveyResponses_ResumeToken" ON "SurveyResponses" ("ResumeToken");

CREATE INDEX "IX_SurveyResponses_SurveyId_State" ON "SurveyResponses" ("SurveyId", "State");

CREATE INDEX "IX_Surveys_ChamberId_CreatedAt" ON "Surveys" ("ChamberId", "CreatedAt");

CREATE UNIQUE INDEX "IX_Surveys_PublicToken" ON "Surveys" ("PublicToken");
