-- 0010: communication. The outbox gets its SMTP delivery state (claims, retries, failures, bulk mail).
ALTER TABLE "Outbox" ADD COLUMN "HtmlBody" text;
ALTER TABLE "Outbox" ADD COLUMN "UnsubscribeUrl" character varying(500);
ALTER TABLE "Outbox" ADD COLUMN "Priority" integer NOT NULL DEFAULT 0;
ALTER TABLE "Outbox" ALTER COLUMN "Priority" DROP DEFAULT;
ALTER TABLE "Outbox" ADD COLUMN "NextAttemptAt" timestamp with time zone;
ALTER TABLE "Outbox" ADD COLUMN "ClaimedBy" character varying(64);
ALTER TABLE "Outbox" ADD COLUMN "ClaimedUntil" timestamp with time zone;
ALTER TABLE "Outbox" ADD COLUMN "FailedAt" timestamp with time zone;
ALTER TABLE "Outbox" ADD COLUMN "LastErrorCode" integer;

CREATE INDEX "IX_Outbox_ClaimedBy" ON "Outbox" ("ClaimedBy");

CREATE INDEX "IX_Outbox_SentAt_FailedAt_Priority_CreatedAt" ON "Outbox" ("SentAt", "FailedAt", "Priority", "CreatedAt");

-- Subscribers (double opt-in, preferences, bounces) and newsletters with their ordered items.
CREATE TABLE "Subscribers" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Email" character varying(254) NOT NULL,
    "EmailKey" character varying(254) NOT NULL,
    "State" character varying(40) NOT NULL,
    "WantsNewsletter" boolean NOT NULL,
    "WantsEvents" boolean NOT NULL,
    "WantsTenders" boolean NOT NULL,
    "Token" character varying(40) NOT NULL,
    "ConfirmToken" character varying(40),
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConfirmedAt" timestamp with time zone,
    "UnsubscribedAt" timestamp with time zone,
    "BouncedAt" timestamp with time zone,
    CONSTRAINT "PK_Subscribers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Subscribers_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Newsletters" (
    "Id" uuid NOT NULL,
    "ChamberId" uuid NOT NULL,
    "Subject" character varying(200) NOT NULL,
    "Intro" character varying(4000) NOT NULL,
    "Audience" character varying(40) NOT NULL,
    "State" character varying(40) NOT NULL,
    "PeriodFrom" timestamp with time zone NOT NULL,
    "PeriodTo" timestamp with time zone NOT NULL,
    "SendAt" timestamp with time zone,
    "RecipientCount" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Newsletters" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Newsletters_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NewsletterItems" (
    "Id" uuid NOT NULL,
    "NewsletterId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "SourceId" uuid,
    "Position" integer NOT NULL,
    "Included" boolean NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Text" character varying(2000) NOT NULL,
    "Link" character varying(500),
    CONSTRAINT "PK_NewsletterItems" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_NewsletterItems_Newsletters_NewsletterId" FOREIGN KEY ("NewsletterId") REFERENCES "Newsletters" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_NewsletterItems_NewsletterId_Position" ON "NewsletterItems" ("NewsletterId", "Position");

CREATE INDEX "IX_Newsletters_ChamberId_State_SendAt" ON "Newsletters" ("ChamberId", "State", "SendAt");

CREATE UNIQUE INDEX "IX_Subscribers_ChamberId_EmailKey" ON "Subscribers" ("ChamberId", "EmailKey");

CREATE INDEX "IX_Subscribers_ConfirmToken" ON "Subscribers" ("ConfirmToken");

CREATE UNIQUE INDEX "IX_Subscribers_Token" ON "Subscribers" ("Token");
