import { ChangeDetectionStrategy, Component, inject, Injectable } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

export interface Confirmation {
  title: string;
  message: string;
  /** The button that goes ahead: says what it does (“Remove the item”), never just “OK”. */
  confirm: string;
}

/** Asks before something that cannot be taken back; Cancel (or Escape) is the default. */
@Component({
  selector: 'hearth-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content><p>{{ data.message }}</p></mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Cancel</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ data.confirm }}</button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<Confirmation>(MAT_DIALOG_DATA);
}

/** One way to ask “are you sure?” across the app. */
@Injectable({ providedIn: 'root' })
export class Confirm {
  private readonly dialog = inject(MatDialog);

  async ask(confirmation: Confirmation): Promise<boolean> {
    const answer = await firstValueFrom(this.dialog.open<ConfirmDialog, Confirmation, boolean>(ConfirmDialog, { data: confirmation, width: '28rem', maxWidth: '95vw' }).afterClosed());
    return answer === true;
  }
}
