/** A usage mistake: reported with a hint and exit code 2. */
export class UsageError extends Error {}
