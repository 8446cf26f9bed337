import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ValidationFailedError } from './errors';
import { validateInput } from './validation';

class Question {
  @IsString() text!: string;
}

class Quiz {
  @IsString() title!: string;
  @IsInt() @Min(0) passPercent!: number;
  @ValidateNested({ each: true }) @Type(() => Question) questions!: Question[];
}

describe('validateInput', () => {
  it('returns the typed instance when the input is valid', async () => {
    const quiz = await validateInput(Quiz, { title: 'T', passPercent: 80, questions: [{ text: 'Q' }] });
    expect(quiz).toBeInstanceOf(Quiz);
  });

  it('lists every failing field with its dotted path, unknown fields included', async () => {
    const error = await validateInput(Quiz, { title: 3, passPercent: -1, questions: [{ text: 1 }], extra: true }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    const fields = (error as ValidationFailedError).fieldErrors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'passPercent', 'questions.0.text', 'extra']));
    expect((error as ValidationFailedError).fieldErrors.find((e) => e.field === 'extra')?.message).toBe('extra is not a field of this request');
  });
});
