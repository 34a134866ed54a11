import { Suspense, type ReactNode } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { RichText } from '@shared/doc'
import { DelayedLoading } from '../components/DelayedLoading'
import { lazyNamed } from '../components/lazyLoad'

export interface RichTextEditorProps {
  readonly fragment: RichText
  readonly labelId: string
  readonly readOnly?: boolean
  readonly hintId?: string
  /** Colleagues' carets: null for none, left out for the open project's room. */
  readonly awareness?: Awareness | null
}

// TipTap and ProseMirror are fetched when the first rich-text field is shown, so a board, the
// home screen and the welcome do not wait for them.
const TipTapEditor = lazyNamed(() => import('./TipTapEditor'), (m) => m.TipTapEditor)

/** Fetch the editor now (App.tsx preloads everything once the workspace is up). */
export const preloadEditor = (): Promise<unknown> => TipTapEditor.preload()

/**
 * A collaborative rich-text field bound to a Yjs XmlFragment (see TipTapEditor.tsx). Shows
 * "Loading…" after a moment while the editor's code downloads; a failed download reaches the
 * nearest ErrorBoundary, which says so and offers "Try again".
 */
export function RichTextEditor(props: RichTextEditorProps): ReactNode {
  return (
    <Suspense
      fallback={
        <div className="app-editor" aria-busy="true">
          <DelayedLoading />
        </div>
      }
    >
      <TipTapEditor {...props} />
    </Suspense>
  )
}
