import { queryOptions } from "@tanstack/react-query";
import { client, type OkBody, unwrap } from "./client.ts";
import type { PeopleSearch } from "./people-search.ts";

export const PEOPLE_PAGE_SIZE = 20;

const people = client.api.t[":tenant"].people;
const one = people[":id"];

export type PeoplePage = OkBody<Awaited<ReturnType<typeof people.$get>>>;
export type Person = PeoplePage["items"][number];
export type CreatePersonInput = Parameters<typeof people.$post>[0]["json"];
export type BulkRow = Parameters<typeof people.bulk.$post>[0]["json"]["rows"][number];
export type BulkReport = OkBody<Awaited<ReturnType<typeof people.bulk.$post>>>;
export type PersonChanges = Omit<Parameters<typeof one.$patch>[0]["json"], "version">;

export const peopleKey = (tenant: string) => ["t", tenant, "people"] as const;

export const peopleQuery = (tenant: string, search: PeopleSearch) =>
  queryOptions({
    queryKey: [...peopleKey(tenant), search] as const,
    queryFn: () =>
      unwrap(
        people.$get({
          param: { tenant },
          query: {
            q: search.q,
            role: search.role,
            status: search.status,
            page: String(search.page ?? 1),
            pageSize: String(PEOPLE_PAGE_SIZE),
          },
        }),
      ),
  });

export function createPerson(tenant: string, input: CreatePersonInput) {
  return unwrap(people.$post({ param: { tenant }, json: input }));
}

export function bulkCreatePeople(tenant: string, rows: BulkRow[], dryRun: boolean) {
  return unwrap(people.bulk.$post({ param: { tenant }, json: { rows, dryRun } }));
}

export function updatePerson(tenant: string, person: Person, changes: PersonChanges) {
  return unwrap(one.$patch({ param: { tenant, id: person.id }, json: { version: person.version, ...changes } }));
}

export function setPersonActive(tenant: string, person: Person, active: boolean, reason: string | undefined) {
  const args = { param: { tenant, id: person.id }, json: { version: person.version, ...(reason ? { reason } : {}) } };
  return unwrap(active ? one.reactivate.$post(args) : one.deactivate.$post(args));
}

export function issueActivationLink(tenant: string, person: Person) {
  return unwrap(one["activation-link"].$post({ param: { tenant, id: person.id }, json: { version: person.version } }));
}
