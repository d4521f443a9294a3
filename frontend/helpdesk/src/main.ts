import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => {
  // Nothing else can report a failed bootstrap; the console is the only channel left.
  // eslint-disable-next-line no-console
  console.error(error);
});
