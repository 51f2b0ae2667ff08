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
