/** Input limits the API enforces (packages/core, zod), mirrored so forms can say so before sending. */
export const NAME_MAX_LENGTH = 120;
