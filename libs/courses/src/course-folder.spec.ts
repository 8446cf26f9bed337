import type { Files } from '@hearth/platform';
import { readCourseFolder, writeCourseFolder } from './course-folder';

const folder = (entries: Record<string, string>): Files => new Map(Object.entries(entries).map(([path, text]) => [path, Buffer.from(text)]));

const GOOD = {
  'course.yaml': ['slug: holding-rooms', 'title: Holding Rooms', 'summary: |', '  Two lines', '  of summary.', 'modules:', '  basics: The basics', '  practice: Practice', ''].join('\n'),
  '01-basics/01-welcome.md': ['---', 'type: lesson', 'title: Welcome', '---', '', '# Hello', '', 'Rooms are shared.', ''].join('\n'),
  '01-basics/02-your-room.md': ['---', 'type: discussion', 'title: Your room', 'reflectionQuestion: Which room do you like, and why?', 'minWords: 20', '---', '', 'Think of a room.', ''].join('\n'),
  '02-practice/01-check.md': [
    '---',
    'type: quiz',
    'title: Check',
    'passPercent: 50',
    'showAnswers: after-each-attempt',
    'questions:',
    '  - text: First step?',
    '    kind: single',
    '    options:',
    '      - text: Shout',
    '      - text: Slow down',
    '        correct: true',
    '    explanation: Slowing down helps.',
    '---',
    '',
    'A short check.',
    '',
  ].join('\n'),
};

describe('readCourseFolder', () => {
  it('reads a course: modules in folder order, items in file order, with their settings', async () => {
    const { course, problems } = await readCourseFolder(folder(GOOD));
    expect(problems).toEqual([]);
    expect(course).toMatchObject({ slug: 'holding-rooms', title: 'Holding Rooms', summary: 'Two lines\nof summary.', coverImageUrl: null });
    expect(course!.modules.map((m) => [m.slug, m.title, m.items.map((i) => i.slug)])).toEqual([
      ['basics', 'The basics', ['welcome', 'your-room']],
      ['practice', 'Practice', ['check']],
    ]);
    expect(course!.modules[0].items[0].body).toBe('# Hello\n\nRooms are shared.');
    expect(course!.modules[0].items[1]).toMatchObject({ type: 'discussion', minWords: 20, postFirst: true });
    expect(course!.modules[1].items[0].questions![0].options[1]).toMatchObject({ text: 'Slow down', correct: true });
    expect(course!.modules[1].items[0].showAnswers).toBe('after-each-attempt');
  });

  it('gives a quiz that says nothing of showAnswers the default, and writes the default as nothing', async () => {
    const quiz = GOOD['02-practice/01-check.md'].replace('showAnswers: after-each-attempt\n', '');
    const { course } = await readCourseFolder(folder({ ...GOOD, '02-practice/01-check.md': quiz }));
    expect(course!.modules[1].items[0].showAnswers).toBe('after-pass');
    expect(writeCourseFolder(course!).get('02-practice/01-check.md')!.toString()).not.toContain('showAnswers');
  });

  it('writes back exactly the folder it read', async () => {
    const { course } = await readCourseFolder(folder(GOOD));
    const written = writeCourseFolder(course!);
    const again = await readCourseFolder(written);
    expect(again.problems).toEqual([]);
    expect(again.course).toEqual(course);
    expect(writeCourseFolder(again.course!)).toEqual(written);
  });

  it('reports every problem with its file and line, and returns no course', async () => {
    const broken = folder({
      'course.yaml': ['slug: Not A Slug', 'title: Fine', 'colour: blue', 'modules:', '  basics: Basics', '  ghost: Ghost', ''].join('\n'),
      '01-basics/01-welcome.md': ['---', 'type: lesson', 'title: Welcome', 'minWords: 3', '---', 'Body'].join('\n'),
      '01-basics/02-quiz.md': [
        '---',
        'type: quiz',
        'title: Quiz',
        'passPercent: 150',
        'questions:',
        '  - text: Q',
        '    kind: single',
        '    options:',
        '      - text: only one',
        '---',
      ].join('\n'),
      '01-basics/03-talk.md': ['---', 'type: discussion', 'title: Talk', '---', 'No question'].join('\n'),
      '01-basics/04-bad-yaml.md': ['---', 'type: lesson', 'title: [unclosed', '---'].join('\n'),
      '01-basics/05-no-front.md': 'Just text',
      '02-extra/01-lost.md': ['---', 'type: lesson', 'title: Lost', '---'].join('\n'),
      'notes.txt': 'hello',
    });
    const { course, problems } = await readCourseFolder(broken, { publishing: true });
    expect(course).toBeNull();
    const found = problems.map((p) => `${p.file}:${p.line ?? '-'} ${p.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'course.yaml:1 A slug is lower-case letters and digits joined by single hyphens, like group-dynamics.',
        'course.yaml:3 colour is not a course setting (expected slug, title, summary, coverImageUrl, requirements, modules).',
        'course.yaml:- The folder 02-extra has no title under modules: in course.yaml (add "extra: Its title").',
        '01-basics/01-welcome.md:4 minWords is not a setting of a lesson (expected type, title).',
        '01-basics/02-quiz.md:4 passPercent must not be greater than 100',
        '01-basics/02-quiz.md:6 Question 1 needs at least two options.',
        '01-basics/02-quiz.md:6 Question 1 (one answer) must have exactly one correct option, not 0.',
        '01-basics/03-talk.md:2 A discussion needs a reflectionQuestion before it is published.',
        '01-basics/05-no-front.md:1 The file must start with front matter between --- lines (type and title at least).',
        'notes.txt:- Not part of a course folder: expected course.yaml and NN-module-slug/NN-item-slug.md files.',
      ]),
    );
    expect(found.find((f) => f.startsWith('01-basics/04-bad-yaml.md:3 YAML:'))).toBeDefined();
  });

  it('refuses duplicate numbers and slugs', async () => {
    const { problems } = await readCourseFolder(
      folder({
        ...GOOD,
        '01-basics/01-again.md': GOOD['01-basics/01-welcome.md'],
        '02-practice/02-welcome.md': GOOD['01-basics/01-welcome.md'],
      }),
    );
    const messages = problems.map((p) => `${p.file} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '01-basics/01-welcome.md Two items in this module have the number 1 (also 01-basics/01-again.md).',
        '02-practice/02-welcome.md Two items of the course have the slug welcome (also 01-basics/01-welcome.md).',
      ]),
    );
  });

  it('reads a draft whose items are not ready yet, and keeps empty modules, in their order', async () => {
    const { course, problems } = await readCourseFolder(
      folder({
        'course.yaml': ['slug: drafty', 'title: Drafty', 'modules:', '  empty: Nothing yet', '  talk: Talk', ''].join('\n'),
        '02-talk/01-no-question.md': ['---', 'type: discussion', 'title: No question yet', '---'].join('\n'),
      }),
    );
    expect(problems).toEqual([]);
    expect(course!.modules.map((m) => [m.slug, m.items.length])).toEqual([['empty', 0], ['talk', 1]]);
    // Written back, the empty module has no folder and the rest keep their numbers.
    const written = writeCourseFolder(course!);
    expect([...written.keys()]).toEqual(['course.yaml', '02-talk/01-no-question.md']);
    expect((await readCourseFolder(written)).course).toEqual(course);
  });

  it('wants folders numbered in the order course.yaml lists the modules', async () => {
    const { problems } = await readCourseFolder(
      folder({
        'course.yaml': ['slug: mixed', 'title: Mixed', 'modules:', '  b: B', '  a: A', ''].join('\n'),
        '01-a/01-x.md': GOOD['01-basics/01-welcome.md'],
        '02-b/01-y.md': GOOD['01-basics/01-welcome.md'],
      }),
    );
    expect(problems).toEqual([{ file: 'course.yaml', line: 5, message: 'The folder 01-a must be numbered after 02-b: folders follow the order of modules: here.' }]);
  });

  it('asks for course.yaml when it is missing', async () => {
    const { problems } = await readCourseFolder(folder({ '01-basics/01-welcome.md': GOOD['01-basics/01-welcome.md'] }));
    expect(problems).toContainEqual({ file: 'course.yaml', line: null, message: 'The folder has no course.yaml.' });
  });
});

describe('a session script and a practicum in a folder', () => {
  const SCRIPT = [
    '---',
    'type: script',
    'title: A first circle',
    'script:',
    '  steps:',
    '    - title: Open',
    '      prompt: Welcome each person **by name**.',
    '    - title: Close',
    '  questions:',
    '    - What surprised you?',
    '---',
    '',
    'The plan.',
    '',
  ].join('\n');
  const PRACTICUM = [
    'requirements:',
    '  - kind: practicum',
    '    atLeast: 1',
    '    rubric:',
    '      criteria:',
    '        - key: opening',
    '          label: Opening',
    '          maxScore: 3',
    '      passScore: 2',
    'modules:',
  ].join('\n');
  const withScript = { ...GOOD, 'course.yaml': GOOD['course.yaml'].replace('modules:', PRACTICUM), '02-practice/02-first-circle.md': SCRIPT };

  it('reads the steps and questions and the rubric, and writes back what it read', async () => {
    const { course, problems } = await readCourseFolder(folder(withScript), { publishing: true });
    expect(problems).toEqual([]);
    expect(course!.requirements).toEqual([{ kind: 'practicum', atLeast: 1, rubric: { criteria: [{ key: 'opening', label: 'Opening', maxScore: 3 }], passScore: 2 } }]);
    expect(course!.modules[1].items[1]).toMatchObject({
      type: 'script',
      body: 'The plan.',
      script: { steps: [{ title: 'Open', prompt: 'Welcome each person **by name**.' }, { title: 'Close', prompt: '' }], questions: ['What surprised you?'] },
    });
    const again = await readCourseFolder(writeCourseFolder(course!));
    expect(again.course).toEqual(course);
  });

  it('names a bad step and a bad rubric at their lines', async () => {
    const broken = {
      ...withScript,
      'course.yaml': withScript['course.yaml'].replace('passScore: 2', 'passScore: 9'),
      '02-practice/02-first-circle.md': SCRIPT.replace('    - title: Close\n', '    - prompt: No title\n'),
    };
    const { course, problems } = await readCourseFolder(folder(broken));
    expect(course).toBeNull();
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'course.yaml', line: expect.any(Number), message: 'passScore is 9, but the criteria add up to 3.' },
        { file: '02-practice/02-first-circle.md', line: 8, message: 'Each step has a title of 1 to 200 characters.' },
      ]),
    );
  });
});
