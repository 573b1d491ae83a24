-- Given: each user's private notes. Run by the check before policies.sql; do not change it.
create table notes (
  id bigint generated always as identity primary key,
  owner uuid not null default auth.uid() references auth.users (id),
  body text not null
);
alter table notes enable row level security;
