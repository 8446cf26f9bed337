import { afterRenderEffect, ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, inject, input, viewChild } from '@angular/core';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

// Only the parts a horizontal bar chart needs, so the rest of Chart.js is left out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart (Chart.js on a canvas). The canvas is an image to assistive
 * technology, labelled; pages show the same figures in a table beside it.
 */
@Component({
  selector: 'hearth-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="box" [style.height.px]="40 + bars().length * 36"><canvas #canvas role="img" [attr.aria-label]="label()"></canvas></div>`,
  styles: `
    .box { position: relative; width: 100%; }
  `,
})
export class BarChart {
  readonly bars = input.required<Bar[]>();
  /** What the chart shows, in words. */
  readonly label = input.required<string>();
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart?: Chart<'bar', number[], string>;

  constructor() {
    afterRenderEffect(() => {
      const bars = this.bars();
      const canvas = this.canvas().nativeElement;
      const color = resolvedColour(canvas, '--mat-sys-primary');
      const text = resolvedColour(canvas, '--mat-sys-on-surface-variant');
      // Kept on the element: what the bars are drawn in (the browser tests check it is the theme's).
      canvas.dataset['barColour'] = color;
      this.chart ??= new Chart(canvas, {
        type: 'bar',
        data: { labels: [], datasets: [{ data: [], backgroundColor: color, borderRadius: 4 }] },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          color: text,
          scales: { x: { beginAtZero: true, ticks: { precision: 0, color: text } }, y: { ticks: { color: text } } },
          plugins: { tooltip: { enabled: true } },
        },
      });
      this.chart.data.labels = bars.map((bar) => bar.label);
      this.chart.data.datasets[0].data = bars.map((bar) => bar.value);
      this.chart.update();
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }
}

/**
 * A theme colour as a canvas can use it. The theme's custom properties hold values such as
 * `light-dark(#8f4c38, #ffb5a0)`, which a canvas cannot parse (it draws black); the element's
 * computed `color` is the colour the browser settled on, as `rgb(…)`.
 */
function resolvedColour(element: HTMLElement, property: string): string {
  const before = element.style.color;
  element.style.color = `var(${property})`;
  const resolved = getComputedStyle(element).color;
  element.style.color = before;
  return resolved;
}
