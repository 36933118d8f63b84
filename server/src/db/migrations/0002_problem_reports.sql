CREATE TABLE "problem_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reporter_id" uuid NOT NULL,
	"village_code" text NOT NULL,
	"category" text NOT NULL,
	"note" text NOT NULL,
	"case_number" text,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"responder_id" uuid,
	"responded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"change_seq" bigint NOT NULL,
	CONSTRAINT "problem_reports_status_check" CHECK ("problem_reports"."status" in ('open', 'answered', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "problem_reports" ADD CONSTRAINT "problem_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_reports" ADD CONSTRAINT "problem_reports_responder_id_users_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_reports_village_seq_idx" ON "problem_reports" USING btree ("village_code","change_seq");--> statement-breakpoint
CREATE INDEX "problem_reports_status_idx" ON "problem_reports" USING btree ("status","created_at");