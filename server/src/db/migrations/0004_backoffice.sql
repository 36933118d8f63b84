CREATE TABLE "rating_follow_ups" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"response" text NOT NULL,
	"responder_id" uuid NOT NULL,
	"responded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rating_follow_ups" ADD CONSTRAINT "rating_follow_ups_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_follow_ups" ADD CONSTRAINT "rating_follow_ups_responder_id_users_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_follow_ups" ADD CONSTRAINT "rating_follow_ups_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_applicant_name_idx" ON "cases" USING btree (("intake"->'applicant'->>'name'));--> statement-breakpoint
CREATE INDEX "cases_id_last4_idx" ON "cases" USING btree (right("intake"->'applicant'->>'idNumber', 4));--> statement-breakpoint
CREATE INDEX "cases_item_codes_idx" ON "cases" USING gin ("item_codes");