import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Icon } from './icon';

/** `<hearth-back-link to="/account">My account</hearth-back-link>`: the way back up, above a page's title. */
@Component({
  selector: 'hearth-back-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, RouterLink],
  template: `<p><a [routerLink]="to()"><hearth-icon name="back" /> <ng-content /></a></p>`,
})
export class BackLink {
  readonly to = input.required<string>();
}
