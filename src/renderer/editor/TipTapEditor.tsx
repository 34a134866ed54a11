import { useEditor, EditorContent, useEditorState, type Editor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { ReactNode } from 'react'
import { useProjectAwareness } from '../features/sync/ProjectSyncFrame'
import type { RichTextEditorProps } from './RichTextEditor'

/**
 * A collaborative rich-text field bound to a Yjs XmlFragment. The fragment is the content:
 * never seed it through `content` (every peer would insert the seed again). StarterKit's own
 * history is off; the Collaboration extension supplies undo that skips colleagues' typing.
 * Loaded when first shown, through RichTextEditor.tsx: import that, not this file.
 */
export function TipTapEditor(props: RichTextEditorProps): ReactNode {
  const { fragment, labelId, readOnly = false, hintId } = props
  // Colleagues' carets when the note is shared: the prop wins, else the open project's room.
  const fromProject = useProjectAwareness()
  const awareness = props.awareness === undefined ? fromProject : props.awareness
  const user = awareness?.getLocalState()?.user as { name: string; color: string } | undefined
  const editor = useEditor(
    {
      editable: !readOnly,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      extensions: [
        StarterKit.configure({ undoRedo: false, link: false, underline: false, code: false, codeBlock: false }),
        Collaboration.configure({ fragment }),
        ...(awareness && user ? [CollaborationCaret.configure({ provider: { awareness }, user })] : [])
      ],
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          ...(hintId ? { 'aria-describedby': hintId } : {}),
          ...(readOnly ? { 'aria-readonly': 'true' } : {})
        }
      }
    },
    [fragment, readOnly, awareness]
  )
  return (
    <div className="app-editor">
      {!readOnly && editor && <Toolbar editor={editor} label={labelId} />}
      <EditorContent editor={editor} />
    </div>
  )
}

function Toolbar({ editor, label }: { editor: Editor; label: string }): ReactNode {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      numbered: e.isActive('orderedList'),
      heading: e.isActive('heading', { level: 3 })
    })
  })
  const tool = (name: string, text: string, pressed: boolean, run: () => void): ReactNode => (
    <button
      type="button"
      className="app-editor__tool"
      aria-pressed={pressed}
      onClick={run}
      title={name}
    >
      <span aria-hidden="true">{text}</span>
      <span className="govuk-visually-hidden">{name}</span>
    </button>
  )
  return (
    <div className="app-editor__toolbar" role="toolbar" aria-labelledby={label}>
      {tool('Bold', 'B', state.bold, () => editor.chain().focus().toggleBold().run())}
      {tool('Italic', 'I', state.italic, () => editor.chain().focus().toggleItalic().run())}
      {tool('Heading', 'H', state.heading, () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
      {tool('Bulleted list', '•', state.bullet, () => editor.chain().focus().toggleBulletList().run())}
      {tool('Numbered list', '1.', state.numbered, () => editor.chain().focus().toggleOrderedList().run())}
    </div>
  )
}
