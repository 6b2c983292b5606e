import QRCode from 'qrcode';
import { useMemo } from 'preact/hooks';

/** Modules of white around the code, as the QR specification asks so scanners find its edges. */
const QUIET_ZONE = 4;

/** The dark modules of a QR code as one SVG path, one unit a module, inside its quiet zone. */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
  return { size: modules.size + 2 * QUIET_ZONE, path: parts.join('') };
}

/** A QR code drawn as vector SVG: sharp at any print size (badges) and on any screen (a phone held out to staff). */
export function QrSvg({
  text,
  label,
  class: className = 'qr',
}: {
  text: string;
  label: string;
  class?: string;
}) {
  const { size, path } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      class={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
