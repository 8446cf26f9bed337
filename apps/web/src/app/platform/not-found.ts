import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'hearth-not-found',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title" tabindex="-1">Page not found</h1>
      <p>There is nothing at this address. <a routerLink="/">Go to the start page</a>.</p>
    </section>
  `,
})
export class NotFound {}
