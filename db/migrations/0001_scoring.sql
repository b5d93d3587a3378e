CREATE TABLE `application_results` (
	`application_id` text NOT NULL,
	`stage` text NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`reviewer_totals` text DEFAULT '[]' NOT NULL,
	`reviewers` integer DEFAULT 0 NOT NULL,
	`aggregate` real,
	`extra_points` real DEFAULT 0 NOT NULL,
	`onsite` real DEFAULT 0 NOT NULL,
	`material` real DEFAULT 0 NOT NULL,
	`survey` real DEFAULT 0 NOT NULL,
	`online` real DEFAULT 0 NOT NULL,
	`first_category` real DEFAULT 0 NOT NULL,
	`deduction` real DEFAULT 0 NOT NULL,
	`vetoed` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`application_id`, `stage`),
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `application_results_round_rank` ON `application_results` (`tenant_id`,`round_id`,`stage`,`vetoed`,`aggregate`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`application_id` text NOT NULL,
	`stage` text NOT NULL,
	`reviewer_user_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`exempt_reason` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_application_stage_reviewer` ON `assignments` (`application_id`,`stage`,`reviewer_user_id`);--> statement-breakpoint
CREATE INDEX `assignments_round_stage_reviewer` ON `assignments` (`tenant_id`,`round_id`,`stage`,`reviewer_user_id`);--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`application_id` text NOT NULL,
	`reviewer_user_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'declared' NOT NULL,
	`decided_by` text,
	`decision_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conflicts_application_reviewer` ON `conflicts` (`application_id`,`reviewer_user_id`);--> statement-breakpoint
CREATE INDEX `conflicts_round` ON `conflicts` (`tenant_id`,`round_id`,`status`);--> statement-breakpoint
CREATE TABLE `reviewer_offsets` (
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`stage` text NOT NULL,
	`reviewer_user_id` text NOT NULL,
	`offset` real NOT NULL,
	`applications` integer NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`fitted_at` text NOT NULL,
	PRIMARY KEY(`round_id`, `stage`, `reviewer_user_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `score_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`application_id` text NOT NULL,
	`form_id` text NOT NULL,
	`proposed_by` text NOT NULL,
	`reason` text NOT NULL,
	`proposal` text NOT NULL,
	`form_version` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` text,
	`decision_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`form_id`) REFERENCES `score_forms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `score_changes_round` ON `score_changes` (`tenant_id`,`round_id`,`status`);--> statement-breakpoint
CREATE TABLE `score_forms` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`application_id` text NOT NULL,
	`stage` text NOT NULL,
	`reviewer_user_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`base` real DEFAULT 0 NOT NULL,
	`bonus` real DEFAULT 0 NOT NULL,
	`deduction` real DEFAULT 0 NOT NULL,
	`total` real DEFAULT 0 NOT NULL,
	`subtotals` text DEFAULT '{}' NOT NULL,
	`veto_findings` text DEFAULT '[]' NOT NULL,
	`submitted_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `score_forms_application_stage_reviewer` ON `score_forms` (`application_id`,`stage`,`reviewer_user_id`);--> statement-breakpoint
CREATE INDEX `score_forms_round_stage_reviewer` ON `score_forms` (`tenant_id`,`round_id`,`stage`,`reviewer_user_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`form_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`item_code` text NOT NULL,
	`points` real,
	`grade` text,
	`comment` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`form_id`, `item_code`),
	FOREIGN KEY (`form_id`) REFERENCES `score_forms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `signoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`round_id` text NOT NULL,
	`application_id` text NOT NULL,
	`department` text NOT NULL,
	`user_id` text NOT NULL,
	`verdict` text NOT NULL,
	`reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signoffs_application_department` ON `signoffs` (`application_id`,`department`);--> statement-breakpoint
CREATE INDEX `signoffs_round` ON `signoffs` (`tenant_id`,`round_id`,`department`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`chain` text NOT NULL,
	`tenant_id` text,
	`actor_user_id` text,
	`actor_role` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`before_digest` text,
	`after_digest` text,
	`reason` text,
	`seq` integer,
	`prev_hash` text,
	`hash` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_audit_events`("id", "chain", "tenant_id", "actor_user_id", "actor_role", "action", "target_type", "target_id", "before_digest", "after_digest", "reason", "seq", "prev_hash", "hash", "created_at") SELECT "id", "chain", "tenant_id", "actor_user_id", "actor_role", "action", "target_type", "target_id", "before_digest", "after_digest", "reason", NULL, "prev_hash", "hash", "created_at" FROM `audit_events` ORDER BY rowid;--> statement-breakpoint
DROP TABLE `audit_events`;--> statement-breakpoint
ALTER TABLE `__new_audit_events` RENAME TO `audit_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_events_tenant_created` ON `audit_events` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_chain_seq` ON `audit_events` (`chain`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_unsealed` ON `audit_events` (`chain`) WHERE seq is null;--> statement-breakpoint
-- Events written before sealing existed are already linked: their position is their order of insertion.
UPDATE `audit_events` SET `seq` = `ordered`.`n` FROM (SELECT rowid AS `r`, row_number() OVER (PARTITION BY `chain` ORDER BY rowid) AS `n` FROM `audit_events`) AS `ordered` WHERE `audit_events`.rowid = `ordered`.`r`;--> statement-breakpoint
ALTER TABLE `applications` ADD `decision_reason` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `affiliation_unit_id` text REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `units` ADD `parent_body` text;