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
      const color = getComputedStyle(this.canvas().nativeElement).getPropertyValue('--mat-sys-primary').trim() || '#8f4c38';
      this.chart ??= new Chart(this.canvas().nativeElement, {
        type: 'bar',
        data: { labels: [], datasets: [{ data: [], backgroundColor: color, borderRadius: 4 }] },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
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
