import { Empty } from 'antd';

export default function TicketPage() {
  return <Empty />;
}
