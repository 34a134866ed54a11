// Issue 7 (list 5): what a person types is refused in plain words they can act on, never in
// zod's developer wording ("Too big: expected string to have <=200 characters").
import { describe, expect, it } from 'vitest'
import type { ZodError, z } from 'zod'
import {
  addColumn,
  addLabel,
  addProjectTag,
  cardPatchSchema,
  checklistTextSchema,
  columnTitleSchema,
  commentTextSchema,
  createDoc,
  createProject,
  cycleGoalSchema,
  decisionInputSchema,
  editProject,
  feedbackInputSchema,
  initProgrammeDoc,
  labelSchema,
  personSchema,
  programmeRulesSchema,
  projectPatchSchema,
  renameColumn,
  wipLimitSchema,
  addCard,
  readColumns
} from '@shared/doc'
import { InputError } from '@shared/domain/inputError'
import type { ProgrammeId, ProjectId } from '@shared/domain/ids'
import { ctxAt, newProject } from '../support'

const TECHNICAL = /too (big|small)|invalid input|expected |received |nan\b|<=|>=/i

const long = (n: number): string => 'x'.repeat(n)

/** Bad values for a person to type into each field, and the schema that checks them. */
const CASES: readonly [string, z.ZodType, readonly unknown[]][] = [
  ['card patch', cardPatchSchema, [{ title: '' }, { title: long(501) }, { dueDate: 'soon' }, { dueDate: 12 }]],
  ['label', labelSchema, ['', '   ', long(56)]],
  ['checklist item', checklistTextSchema, ['', long(400)]],
  ['column name', columnTitleSchema, ['', long(81)]],
  ['WIP limit', wipLimitSchema, [-1, 0, 1.5, Number.NaN, 1000, '3']],
  ['project', projectPatchSchema, [{ name: '' }, { name: long(201) }, { serviceArea: long(201) }, { owner: long(201) }, { startDate: 'x' }, { startDate: '2026-02-01', endDate: '2026-01-01' }]],
  ['programme', programmeRulesSchema, [{ name: '' }, { name: long(201) }, { council: long(201) }, { defaultWipLimit: -1 }, { defaultWipLimit: Number.NaN }, { cycleLengthDays: 0 }]],
  ['person', personSchema, [{ name: '', role: 'team', colour: '#000000' }, { name: long(101), role: 'team', colour: '#000000' }, { name: 'A', role: 'team', colour: 'red' }]],
  ['comment', commentTextSchema, ['', long(2001)]],
  ['cycle goal', cycleGoalSchema, [long(501)]],
  ['feedback', feedbackInputSchema, [{ cycle: 1, who: '', source: 'demo', text: 'x' }, { cycle: 1, who: 'A', source: 'demo', text: long(5001) }, { cycle: 1, who: 'A', source: 'nowhere', text: 'x' }]],
  ['decision', decisionInputSchema, [{ kind: 'maybe' }, { kind: 'pivot', direction: long(2001) }]]
]

describe('validation messages are written for people', () => {
  for (const [what, schema, inputs] of CASES) {
    it(`${what}: every refusal says what to do, in plain words`, () => {
      for (const input of inputs) {
        const result = schema.safeParse(input)
        expect(result.success, `${what} accepted ${JSON.stringify(input)}`).toBe(false)
        for (const issue of (result.error as ZodError).issues) {
          expect(issue.message, `${what} ${JSON.stringify(input)}`).not.toMatch(TECHNICAL)
          expect(issue.message.length).toBeGreaterThan(5)
        }
      }
    })
  }

  it('a label is limited to 50 characters and says so', () => {
    const r = labelSchema.safeParse(long(56))
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['Enter a label of 50 characters or fewer'])
  })
})

function inputError(fn: () => unknown): { field: string; message: string } {
  try {
    fn()
  } catch (err) {
    if (err instanceof InputError) return { field: err.field, message: err.message }
    throw err
  }
  throw new Error('Expected an InputError, but the operation succeeded')
}

describe('names that differ only by case are the same name', () => {
  it('a card cannot have two labels that differ only by case', () => {
    const { doc, todo } = newProject()
    const card = addCard(doc, ctxAt(), { columnId: todo.id, title: 'Survey' })
    addLabel(doc, ctxAt(), card, 'Research')
    expect(inputError(() => addLabel(doc, ctxAt(), card, ' research '))).toEqual({ field: 'label', message: 'This card already has the label “Research”' })
  })

  it('a board cannot have two columns that differ only by case, on add or rename', () => {
    const { doc, todo } = newProject()
    expect(inputError(() => addColumn(doc, ctxAt(), 'DOING'))).toEqual({ field: 'title', message: 'There is already a column called “Doing”' })
    expect(inputError(() => renameColumn(doc, ctxAt(), todo.id, 'done'))).toEqual({ field: 'title', message: 'There is already a column called “Done”' })
    // Renaming a column to its own name in another case is a rename, not a clash.
    renameColumn(doc, ctxAt(), todo.id, 'TO DO')
    expect(readColumns(doc).map((c) => c.title)).toContain('TO DO')
  })

  it('a programme cannot have two projects that differ only by case, archived ones included', () => {
    const programme = createDoc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog' as ProgrammeId, name: 'Accelerator' })
    const first = createDoc()
    createProject(programme, first, ctxAt(), { id: 'p1' as ProjectId, name: 'Garden waste' })
    editProject(programme, first, ctxAt(), { archived: true })
    expect(inputError(() => createProject(programme, createDoc(), ctxAt(), { id: 'p2' as ProjectId, name: 'GARDEN WASTE ' })).message).toBe(
      'There is already a project called “Garden waste” (archived). Choose a different name'
    )
    const second = createDoc()
    createProject(programme, second, ctxAt(), { id: 'p3' as ProjectId, name: 'Blue badges' })
    expect(inputError(() => editProject(programme, second, ctxAt(), { name: 'garden waste' })).field).toBe('name')
    // A project may keep its own name in another case.
    editProject(programme, second, ctxAt(), { name: 'BLUE BADGES' })
  })

  it('tags: too long, empty and already there are each explained', () => {
    const programme = createDoc()
    initProgrammeDoc(programme, ctxAt(), { id: 'prog' as ProgrammeId, name: 'Accelerator' })
    const project = createDoc()
    createProject(programme, project, ctxAt(), { id: 'p1' as ProjectId, name: 'Garden waste' })
    expect(inputError(() => addProjectTag(programme, project, ctxAt(), long(300)))).toEqual({ field: 'tag', message: 'Enter a tag of 50 characters or fewer' })
    expect(inputError(() => addProjectTag(programme, project, ctxAt(), ' , '))).toEqual({ field: 'tag', message: 'Enter a tag' })
    addProjectTag(programme, project, ctxAt(), 'Waste Collection')
    expect(inputError(() => addProjectTag(programme, project, ctxAt(), 'waste collection')).message).toBe('The project already has the tag “waste-collection”')
  })
})
