-- 0017: surveys. Questions in order, personal links (drafts kept on the link), responses (anonymous ones keep no
-- link to the person: no invitation, no resume token, dates to the day).
CREATE TABLE "Surveys" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Introduction" character varying(4000),
    "Anonymous" boolean NOT NULL,
    "OpensAt" timestamp with time zone,
    "ClosesAt" timestamp with time zone,
    "State" character varying(40) NOT NULL,
    "PublicToken" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "OpenedAt" timestamp with time zone,
    "ClosedAt" timestamp with time zone,
    CONSTRAINT "PK_Surveys" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Surveys_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SurveyQuestions" (
    "Id" uuid NOT NULL,
    "SurveyId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Prompt" character varying(500) NOT NULL,
    "Help" character varying(1000),
    "Required" boolean NOT NULL,
    "Options" character varying(6030) NOT NULL,
    "MinSelections" integer,
    "MaxSelections" integer,
    "ScaleMin" integer NOT NULL,
    "ScaleMax" integer NOT NULL,
    "ScaleMinLabel" character varying(60),
    "ScaleMaxLabel" character varying(60),
    "MaxLength" integer NOT NULL,
    CONSTRAINT "PK_SurveyQuestions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SurveyQuestions_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SurveyInvitations" (
    "Id" uuid NOT NULL,
    "SurveyId" uuid NOT NULL,
    "OrganisationId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Email" character varying(256) NOT NULL,
    "Token" character varying(64) NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    "DraftJson" text,
    "SubmittedOn" timestamp with time zone,
    CONSTRAINT "PK_SurveyInvitations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SurveyInvitations_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SurveyInvitations_Organisations_OrganisationId" FOREIGN KEY ("OrganisationId") REFERENCES "Organisations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SurveyInvitations_Surveys_SurveyId" FOREIGN KEY ("SurveyId") REFERENCES "Surveys" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SurveyResponses" (
    "Id" uuid NOT NULL,
    "SurveyId" uuid NOT NULL,
    "State" character varying(40) NOT NULL,
    "AnswersJson" text NOT NULL,
    "InvitationId" uuid,
    "ResumeToken" character varying(64),
    "RespondentName" character varying(200),
    "UpdatedAt" timestamp with time zone NOT NULL,
    "SubmittedAt" timestamp with time zone,
    CONSTRAINT "PK_SurveyResponses" PRIMARY KEY ("Id"),
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
