ALTER TABLE `applications` ADD `coverage` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Backfill: the summary of every existing application, as worker/data/coverage.ts computes it.
UPDATE `applications` SET `coverage` = coalesce((
  select group_concat(case when (coalesce(ai.measure_keys <> '[]', 0) or exists (select 1 from report_links rl
    where rl.application_id = applications.id and rl.item_code = json_extract(i.value, '$.code'))) and coalesce(ai.record_ids <> '[]', 0) then 'c'
      when (coalesce(ai.measure_keys <> '[]', 0) or exists (select 1 from report_links rl
    where rl.application_id = applications.id and rl.item_code = json_extract(i.value, '$.code'))) or coalesce(ai.record_ids <> '[]', 0) then 't' else 'e' end, '')
  from rounds r
    join criteria_systems cs on cs.id = r.criteria_system_id
    join json_each(cs.content, '$.categories') c
    join json_each(c.value, '$.items') i
    left join application_items ai
      on ai.application_id = applications.id and ai.item_code = json_extract(i.value, '$.code')
  where r.id = applications.round_id
), '');
