/** The Tandem mark: two overlapping speech bubbles, a bot's and a person's, working together. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="4" width="18" height="14" rx="4" fill="#4c8dff" />
      <path d="M7 18v5l5-5z" fill="#4c8dff" />
      <rect x="12" y="11" width="18" height="14" rx="4" fill="#36cfc9" fillOpacity="0.92" />
      <path d="M25 25v5l-5-5z" fill="#36cfc9" fillOpacity="0.92" />
      <circle cx="17" cy="18" r="1.6" fill="#fff" />
      <circle cx="21" cy="18" r="1.6" fill="#fff" />
      <circle cx="25" cy="18" r="1.6" fill="#fff" />
    </svg>
  );
}
