-- 0010: communication. The outbox gets its SMTP delivery state (claims, retries, failures, bulk mail).
ALTER TABLE "Outbox" ADD COLUMN "HtmlBody" TEXT NULL;
ALTER TABLE "Outbox" ADD COLUMN "UnsubscribeUrl" TEXT NULL;
ALTER TABLE "Outbox" ADD COLUMN "Priority" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Outbox" ADD COLUMN "NextAttemptAt" TEXT NULL;
ALTER TABLE "Outbox" ADD COLUMN "ClaimedBy" TEXT NULL;
ALTER TABLE "Outbox" ADD COLUMN "ClaimedUntil" TEXT NULL;
ALTER TABLE "Outbox" ADD COLUMN "FailedAt" TEXT NULL;
ALTER TABLE "Outbox" ADD COLUMN "LastErrorCode" INTEGER NULL;

CREATE INDEX "IX_Outbox_ClaimedBy" ON "Outbox" ("ClaimedBy");

CREATE INDEX "IX_Outbox_SentAt_FailedAt_Priority_CreatedAt" ON "Outbox" ("SentAt", "FailedAt", "Priority", "CreatedAt");

-- Subscribers (double opt-in, preferences, bounces) and newsletters with their ordered items.
CREATE TABLE "Subscribers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Subscribers" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "EmailKey" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "WantsNewsletter" INTEGER NOT NULL,
    "WantsEvents" INTEGER NOT NULL,
    "WantsTenders" INTEGER NOT NULL,
    "Token" TEXT NOT NULL,
    "ConfirmToken" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedAt" TEXT NULL,
    "UnsubscribedAt" TEXT NULL,
    "BouncedAt" TEXT NULL,
    CONSTRAINT "FK_Subscribers_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Newsletters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Newsletters" PRIMARY KEY,
    "ChamberId" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Intro" TEXT NOT NULL,
    "Audience" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "PeriodFrom" TEXT NOT NULL,
    "PeriodTo" TEXT NOT NULL,
    "SendAt" TEXT NULL,
    "RecipientCount" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Newsletters_Chambers_ChamberId" FOREIGN KEY ("ChamberId") REFERENCES "Chambers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NewsletterItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_NewsletterItems" PRIMARY KEY,
    "NewsletterId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "SourceId" TEXT NULL,
    "Position" INTEGER NOT NULL,
    "Included" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Link" TEXT NULL,
    CONSTRAINT "FK_NewsletterItems_Newsletters_NewsletterId" FOREIGN KEY ("NewsletterId") REFERENCES "Newsletters" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_NewsletterItems_NewsletterId_Position" ON "NewsletterItems" ("NewsletterId", "Position");

CREATE INDEX "IX_Newsletters_ChamberId_State_SendAt" ON "Newsletters" ("ChamberId", "State", "SendAt");

CREATE UNIQUE INDEX "IX_Subscribers_ChamberId_EmailKey" ON "Subscribers" ("ChamberId", "EmailKey");

CREATE INDEX "IX_Subscribers_ConfirmToken" ON "Subscribers" ("ConfirmToken");

CREATE UNIQUE INDEX "IX_Subscribers_Token" ON "Subscribers" ("Token");
