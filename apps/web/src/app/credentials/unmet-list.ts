import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { UnmetCondition } from '@hearth/contracts';

/**
 * What is still missing for a role or a locked room, each with a link to where to do it
 * when the server gives one (an app path, maybe with a #fragment: `/roles#moderator`).
 * Course requirements nested under a role are indented.
 */
@Component({
  selector: 'hearth-unmet-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <ul class="unmet">
      @for (condition of conditions(); track $index) {
        <li [class.requirement]="condition.kind === 'requirement'">
          @if (condition.link) {
            <a [routerLink]="path(condition.link)" [fragment]="fragment(condition.link)">{{ condition.detail }}</a>
          } @else {
            {{ condition.detail }}
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .unmet {
      margin: 0;
      padding-left: 1.25rem;
    }
    .requirement {
      margin-left: 1rem;
      list-style: circle;
    }
  `,
})
export class UnmetList {
  readonly conditions = input.required<UnmetCondition[]>();

  protected path(link: string): string {
    return link.split('#')[0];
  }

  protected fragment(link: string): string | undefined {
    return link.split('#')[1];
  }
}
