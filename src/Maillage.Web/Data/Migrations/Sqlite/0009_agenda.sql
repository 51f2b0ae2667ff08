-- Agenda: events and trainings (sessions in local time + zone), registrations with arrival order.

CREATE TABLE "AgendaEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AgendaEvents" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "VenueName" TEXT NULL,
    "Address" TEXT NULL,
    "Town" TEXT NULL,
    "OnlineUrl" TEXT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "StartsAtUtc" TEXT NOT NULL,
    "EndsAtUtc" TEXT NOT NULL,
    "Capacity" INTEGER NULL,
    "RegistrationDeadlineLocal" TEXT NULL,
    "Visibility" TEXT NOT NULL,
    "CoOrganisers" TEXT NOT NULL,
    "MemberPrice" INTEGER NOT NULL,
    "NonMemberPrice" INTEGER NOT NULL,
    "CurrencySharePercent" INTEGER NOT NULL,
    "TrainerOrganisationId" TEXT NULL,
    "TrainerName" TEXT NULL,
    "Prerequisites" TEXT NULL,
    "Status" TEXT NOT NULL,
    "ProposedByOrganisationId" TEXT NULL,
    "CancellationReason" TEXT NULL,
    "Sequence" INTEGER NOT NULL,
    "ConfirmedCount" INTEGER NOT NULL,
    "ArrivalCount" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_AgendaEvents_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AgendaEvents_Organisations_ProposedByOrganisationId" FOREIGN KEY ("ProposedByOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_AgendaEvents_Organisations_TrainerOrganisationId" FOREIGN KEY ("TrainerOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL
);

CREATE TABLE "AgendaRegistrations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AgendaRegistrations" PRIMARY KEY,
    "EventId" TEXT NOT NULL,
    "ChamberId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "FirstName" TEXT NOT NULL,
    "LastName" TEXT NOT NULL,
    "OrganisationName" TEXT NULL,
    "UserId" TEXT NULL,
    "MemberOrganisationId" TEXT NULL,
    "Rate" TEXT NOT NULL,
    "Price" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "ArrivalNumber" INTEGER NULL,
    "Token" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "EmailConfirmedAt" TEXT NULL,
    "PromotedAt" TEXT NULL,
    "CancelledAt" TEXT NULL,
    "AttendedAt" TEXT NULL,
    "ReminderSentAt" TEXT NULL,
    "FeedbackRating" INTEGER NULL,
    "FeedbackComment" TEXT NULL,
    "FeedbackAt" TEXT NULL,
    CONSTRAINT "FK_AgendaRegistrations_AgendaEvents_EventId" FOREIGN KEY ("EventId") REFERENCES "AgendaEvents" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AgendaRegistrations_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_AgendaRegistrations_Organisations_MemberOrganisationId" FOREIGN KEY ("MemberOrganisationId") REFERENCES "Organisations" ("Id") ON DELETE SET NULL
);

CREATE TABLE "AgendaSessions" (
    "Position" INTEGER NOT NULL,
    "EventId" TEXT NOT NULL,
    "LocalStart" TEXT NOT NULL,
    "LocalEnd" TEXT NOT NULL,
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
