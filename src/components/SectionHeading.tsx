import { createContext, useContext, type ReactNode } from 'react';

/**
 * The level of a section's heading: 3 in the full app, where each view has its h2; 2 in an
 * embedded widget, whose page has only the widget's h1. So headings never skip a level (axe
 * `heading-order`) wherever a panel is shown.
 */
export const SectionLevel = createContext<2 | 3>(3);

/** A panel's heading at the level of where it is shown (class `section-heading` in either case). */
export function SectionHeading({
  id,
  className,
  children,
}: {
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  const Tag = useContext(SectionLevel) === 2 ? 'h2' : 'h3';
  return (
    <Tag id={id} className={className ? `section-heading ${className}` : 'section-heading'}>
      {children}
    </Tag>
  );
}
