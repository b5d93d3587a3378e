CREATE TABLE `mutual_assessments` (
	`round_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`item_codes` text NOT NULL,
	`peers` integer NOT NULL,
	`group_by` text DEFAULT 'sector' NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`opens_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`assigned_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mutual_assignments` (
	`rater_application_id` text NOT NULL,
	`ratee_application_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`submitted_at` text,
	PRIMARY KEY(`rater_application_id`, `ratee_application_id`),
	FOREIGN KEY (`rater_application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ratee_application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mutual_assignments_ratee` ON `mutual_assignments` (`ratee_application_id`);--> statement-breakpoint
CREATE INDEX `mutual_assignments_round` ON `mutual_assignments` (`tenant_id`,`round_id`);--> statement-breakpoint
CREATE TABLE `mutual_scores` (
	`rater_application_id` text NOT NULL,
	`ratee_application_id` text NOT NULL,
	`item_code` text NOT NULL,
	`tenant_id` text NOT NULL,
	`points` real NOT NULL,
	PRIMARY KEY(`rater_application_id`, `ratee_application_id`, `item_code`),
	FOREIGN KEY (`rater_application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ratee_application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mutual_scores_ratee` ON `mutual_scores` (`ratee_application_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`purpose` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `source_points` (
	`application_id` text NOT NULL,
	`item_code` text NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`source` text NOT NULL,
	`answers` integer DEFAULT 0 NOT NULL,
	`rate` real,
	`below_minimum` integer DEFAULT true NOT NULL,
	`entered_points` real,
	`points` real DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`application_id`, `item_code`),
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `source_points_round` ON `source_points` (`tenant_id`,`round_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`response_id` text NOT NULL,
	`question_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`item_code` text NOT NULL,
	`value` real NOT NULL,
	`counted` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`response_id`, `question_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_answers_item` ON `survey_answers` (`application_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`application_id` text NOT NULL,
	`device_hash` text NOT NULL,
	`network_hash` text NOT NULL,
	`duration_seconds` integer NOT NULL,
	`status` text DEFAULT 'counted' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_device` ON `survey_responses` (`application_id`,`device_hash`);--> statement-breakpoint
CREATE INDEX `survey_responses_round` ON `survey_responses` (`tenant_id`,`round_id`,`application_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`round_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`questions` text NOT NULL,
	`min_answers` integer NOT NULL,
	`below_minimum` text DEFAULT 'zero' NOT NULL,
	`grade_bands` text DEFAULT '[0.9,0.75,0.6,0]' NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`opens_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The survey's device cookies are signed with a key made here, once per database: nothing to configure.
INSERT INTO `signing_keys` (`purpose`, `key`) VALUES ('survey', lower(hex(randomblob(32))));
