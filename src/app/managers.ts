/**
 * TUTOR_MANAGERS names managers by platform id (Slack user id, Azure AD object id) or by e-mail,
 * either in any case. The e-mail is asked for only when the list holds one: on Teams it is a lookup.
 */
export async function isListedManager(
  managers: ReadonlySet<string>,
  id: string | undefined,
  email: () => Promise<string | undefined>,
): Promise<boolean> {
  const listed = [...managers].map((m) => m.toLowerCase());
  if (id && listed.includes(id.toLowerCase())) return true;
  if (!listed.some((m) => m.includes('@'))) return false;
  const address = (await email())?.toLowerCase();
  return address !== undefined && listed.includes(address);
}
