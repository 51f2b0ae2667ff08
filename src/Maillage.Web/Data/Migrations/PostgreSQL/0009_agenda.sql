-- Agenda: events and trainings (sessions in local time + zone), registrations with arrival order.

CREATE TABLE "AgendaEvents" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Title" character varying(160) NOT NULL,
    "Description" character varying(8000) NOT NULL,
    "VenueName" character varying(200),
    "Address" character varying(300),
    "Town" character varying(80),
    "OnlineUrl" character varying(500),
    "TimeZoneId" character varying(60) NOT NULL,
    "StartsAtUtc" timestamp with time zone NOT NULL,
    "EndsAtUtc" timestamp with time zone NOT NULL,
    "Capacity" integer,
    "RegistrationDeadlineLocal" character varying(16),
    "Visibility" character varying(40) NOT NULL,
    "CoOrganisers" character varying(2000) NOT NULL,
    "MemberPrice" bigint NOT NULL,
    "NonMemberPrice" bigint NOT NULL,
    "CurrencySharePercent" integer NOT NULL,
    "TrainerOrganisationId" uuid,
    "TrainerName" character varying(160),
    "Prerequisites" character varying(2000),
    "Status" character varying(40) NOT NULL,
    "ProposedByOrganisationId" uuid,
    "CancellationReason" character varying(500),
    "Sequence" integer NOT NULL,
    "ConfirmedCount" integer NOT NULL,
    "ArrivalCount" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AgendaEvents" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AgendaEvents_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AgendaEvents_Organisations_ProposedByOrganisationId" FOREIGN KEY ("ProposedByOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_AgendaEvents_Organisations_TrainerOrganisationId" FOREIGN KEY ("TrainerOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL
);

CREATE TABLE "AgendaRegistrations" (
    "Id" uuid NOT NULL,
    "EventId" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Email" character varying(254) NOT NULL,
    "FirstName" character varying(80) NOT NULL,
    "LastName" character varying(80) NOT NULL,
    "OrganisationName" character varying(160),
    "UserId" uuid,
    "MemberOrganisationId" uuid,
    "Rate" character varying(40) NOT NULL,
    "Price" bigint NOT NULL,
    "State" character varying(40) NOT NULL,
    "ArrivalNumber" bigint,
    "Token" character varying(32) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "EmailConfirmedAt" timestamp with time zone,
    "PromotedAt" timestamp with time zone,
    "CancelledAt" timestamp with time zone,
    "AttendedAt" timestamp with time zone,
    "ReminderSentAt" timestamp with time zone,
    "FeedbackRating" integer,
    "FeedbackComment" character varying(2000),
    "FeedbackAt" timestamp with time zone,
    CONSTRAINT "PK_AgendaRegistrations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AgendaRegistrations_AgendaEvents_EventId" FOREIGN KEY ("EventId") REFERENCES "AgendaEvents" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AgendaRegistrations_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_AgendaRegistrations_Organisations_MemberOrganisationId" FOREIGN KEY ("MemberOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL
);

CREATE TABLE "AgendaSessions" (
    "Position" integer NOT NULL,
    "EventId" uuid NOT NULL,
    "LocalStart" character varying(16) NOT NULL,
    "LocalEnd" character varying(16) NOT NULL,
    CONSTRAINT "PK_AgendaSessions" PRIMARY KEY ("EventId", "Position"),
    CONSTRAINT "FK_AgendaSessions_AgendaEvents_EventId" FOREIGN KEY ("EventId") REFERENCES "AgendaEvents" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AgendaEvents_ChamberId_StartsAtUtc" ON "AgendaEvents" ("ChamberId", "StartsAtUtc");

CREATE INDEX "IX_AgendaEvents_ProposedByOrganisationId" ON "AgendaEvents" ("ProposedByOrganisationId");

CREATE INDEX "IX_AgendaEvents_Status_StartsAtUtc" ON "AgendaEvents" ("Status", "StartsAtUtc");

CREATE INDEX "IX_AgendaEvents_TrainerOrganisationId" ON "AgendaEvents" ("TrainerOrganisationId");

CREATE INDEX "IX_AgendaRegistrations_Email" ON "AgendaRegistrations" ("Email");

CREATE UNIQUE INDEX "IX_AgendaRegistrations_EventId_Email" ON "AgendaRegistrations" ("EventId", "Email") WHERE "State" <> 'Cancelled';

CREATE INDEX "IX_AgendaRegistrations_EventId_State_ArrivalNumber" ON "AgendaRegistrations" ("EventId", "State", "ArrivalNumber");

CREATE INDEX "IX_AgendaRegistrations_MemberOrganisationId" ON "AgendaRegistrations" ("MemberOrganisationId");

CREATE UNIQUE INDEX "IX_AgendaRegistrations_Token" ON "AgendaRegistrations" ("Token");

CREATE INDEX "IX_AgendaRegistrations_UserId" ON "AgendaRegistrations" ("UserId");
