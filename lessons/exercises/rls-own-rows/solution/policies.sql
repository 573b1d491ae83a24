-- Row-level security is on for notes (see schema.sql), so only these policies decide who sees which rows.
-- Task: a signed-in user reads only their own notes. auth.uid() is the id of the user making the request.

create policy "users add their own notes" on notes
  for insert to authenticated
  with check (owner = auth.uid());

create policy "signed-in users read notes" on notes
  for select to authenticated
  using (owner = auth.uid());
