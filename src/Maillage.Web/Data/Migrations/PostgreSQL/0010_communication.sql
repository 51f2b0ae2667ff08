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
