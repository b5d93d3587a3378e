CREATE TABLE `application_reports` (
	`application_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`content` text NOT NULL,
	`figures` text DEFAULT '[]' NOT NULL,
	`length` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `criteria_synonyms` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`term` text NOT NULL,
	`means` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criteria_synonyms_pair` ON `criteria_synonyms` (`tenant_id`,`term`,`means`);--> statement-breakpoint
CREATE TABLE `report_links` (
	`tenant_id` text NOT NULL,
	`application_id` text NOT NULL,
	`paragraph_id` text NOT NULL,
	`item_code` text NOT NULL,
	PRIMARY KEY(`application_id`, `paragraph_id`, `item_code`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_links_item` ON `report_links` (`tenant_id`,`application_id`,`item_code`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `synonyms_version` integer DEFAULT 1 NOT NULL;