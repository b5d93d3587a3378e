CREATE TABLE `award_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`award_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text,
	`public_reason` text,
	`deadline` text,
	`round_id` text,
	`effective_on` text NOT NULL,
	`actor_user_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `award_events_unit` ON `award_events` (`tenant_id`,`unit_id`,`effective_on`);--> statement-breakpoint
CREATE INDEX `award_events_award` ON `award_events` (`award_id`);--> statement-breakpoint
CREATE TABLE `notice_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`notice_id` text NOT NULL,
	`round_id` text NOT NULL,
	`application_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'listed' NOT NULL,
	`removed_reason` text,
	`removed_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_entries_application` ON `notice_entries` (`tenant_id`,`application_id`);--> statement-breakpoint
CREATE INDEX `notice_entries_notice` ON `notice_entries` (`notice_id`,`position`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`title` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`contact` text NOT NULL,
	`issuer` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_round` ON `notices` (`tenant_id`,`round_id`);--> statement-breakpoint
CREATE TABLE `objections` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`entry_id` text NOT NULL,
	`reference` text NOT NULL,
	`text` text NOT NULL,
	`name` text,
	`contact` text NOT NULL,
	`on_behalf_of_unit` text,
	`seal_statement` text,
	`fingerprint` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`assignee_user_id` text,
	`notes` text DEFAULT '' NOT NULL,
	`finding` text,
	`reply` text,
	`lodged_at` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `notice_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objections_reference_unique` ON `objections` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `objections_fingerprint` ON `objections` (`tenant_id`,`entry_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `objections_round_status` ON `objections` (`tenant_id`,`round_id`,`status`);--> statement-breakpoint
ALTER TABLE `applications` ADD `award_id` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `title_outcome` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `outcome_reason` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `outcome_public_reason` text;--> statement-breakpoint
ALTER TABLE `applications` ADD `outcome_deadline` text;--> statement-breakpoint
ALTER TABLE `awards` ADD `warning_deadline` text;--> statement-breakpoint
ALTER TABLE `awards` ADD `public_reason` text;--> statement-breakpoint
CREATE INDEX `awards_tenant_level_valid` ON `awards` (`tenant_id`,`level`,`valid_until`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `public_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `name_initials` text;--> statement-breakpoint
-- Titles from before this migration start their public history with how they came to be.
INSERT INTO `award_events` (`id`, `tenant_id`, `award_id`, `unit_id`, `kind`, `public_reason`, `round_id`, `effective_on`, `actor_user_id`) SELECT lower(hex(randomblob(16))), `tenant_id`, `id`, `unit_id`, CASE WHEN `round_id` IS NULL THEN 'recorded' ELSE 'named' END, NULL, `round_id`, `named_on`, `created_by` FROM `awards`;
